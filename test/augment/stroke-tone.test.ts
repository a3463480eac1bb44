import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AugmentParams, type Raster, applyAugmentation, loadRecipe, parseRecipe, sampleAugmentation,
} from '../../src/augment/index.js';
import { createRng } from '../../src/rng.js';
import { fixture } from '../helpers.js';

const W = 16, H = 12;

/** Black, with a vertical bar of `value` at columns x0..x0+width-1. */
function bar(x0: number, width: number, value = 200, channels = 1): Raster {
  const pixels = new Uint8Array(W * H * channels);
  for (let y = 0; y < H; y++) for (let x = x0; x < x0 + width; x++) for (let c = 0; c < channels; c++) pixels[(y * W + x) * channels + c] = value;
  return { pixels, width: W, height: H, channels };
}

const run = (extra: Partial<AugmentParams>, image: Raster) =>
  applyAugmentation({ width: W, height: H, border: 'constant', fill: 0, minVisibility: 0.25, ...extra }, image).pixels;

/** The values of row 5, columns 0..W-1 (channel 0). */
const row = (pixels: Uint8Array, channels = 1) => Array.from({ length: W }, (_, x) => pixels[(5 * W + x) * channels]!);

describe('thickness (grey dilation and erosion)', () => {
  it('radius 1 widens a bar by a pixel each side, 0.5 adds half-bright edges, 0 changes nothing', () => {
    const image = bar(6, 2);
    assert.deepEqual(row(run({ thickness: { radius: 1 } }, image)), [0, 0, 0, 0, 0, 200, 200, 200, 200, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(row(run({ thickness: { radius: 0.5 } }, image)), [0, 0, 0, 0, 0, 100, 200, 200, 100, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(run({ thickness: { radius: 0 } }, image), image.pixels);
  });

  it('a negative radius erodes: a 5-pixel bar loses a pixel each side at -1', () => {
    const out = row(run({ thickness: { radius: -1 } }, bar(4, 5)));
    assert.deepEqual(out, [0, 0, 0, 0, 0, 200, 200, 200, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('ink area grows with the radius; pixels beyond the edge do not wrap around', () => {
    const image = bar(0, 1, 255);
    const area = (r: number) => run({ thickness: { radius: r } }, image).filter((v) => v >= 128).length;
    assert.ok(area(0) < area(0.6) && area(0.6) < area(1.5) && area(1.5) < area(2.5));
    const wide = run({ thickness: { radius: 2.5 } }, image);
    assert.equal(row(wide)[W - 1], 0);
  });

  it('works per channel on RGB images', () => {
    const image = bar(6, 2, 200, 3);
    for (let i = 1; i < image.pixels.length; i += 3) image.pixels[i] = 0;
    const out = run({ thickness: { radius: 1 } }, image);
    assert.equal(out[(5 * W + 5) * 3], 200);
    assert.equal(out[(5 * W + 5) * 3 + 1], 0);
  });
});

describe('autocontrast', () => {
  it('scales the percentile of the non-black values to the level, keeps black and ratios', () => {
    // 10 px at 50, 10 px at 100, 2 px at 200, the rest black.
    const image: Raster = { pixels: new Uint8Array(W * H), width: W, height: H, channels: 1 };
    image.pixels.fill(50, 0, 10);
    image.pixels.fill(100, 10, 20);
    image.pixels.fill(200, 20, 22);
    const out = run({ autocontrast: { percentile: 50, level: 150 } }, image);
    assert.deepEqual([out[0], out[10], out[20], out[30]], [75, 150, 255, 0]);
    const top = run({ autocontrast: { percentile: 100, level: 255 } }, image);
    assert.deepEqual([top[0], top[10], top[20]], [64, 127, 255]); // 100 · 255/200 = 127.4999… in floats
  });

  it('does not depend on how much black surrounds the ink; leaves an all-black image alone', () => {
    const narrow = run({ autocontrast: { percentile: 80, level: 255 } }, bar(6, 2, 120));
    assert.equal(Math.max(...narrow), 255);
    const black: Raster = { pixels: new Uint8Array(W * H), width: W, height: H, channels: 1 };
    assert.deepEqual(run({ autocontrast: { percentile: 80, level: 255 } }, black), black.pixels);
  });
});

describe('thickness and autocontrast in recipes', () => {
  it('sample from their own forks: the same seed gives the same parameters and bytes, other transforms draw as before', () => {
    const base = loadRecipe(fixture('augment/reference.yaml'));
    const more = parseRecipe({ ...base, thickness: { p: 1, radius: { min: -0.5, max: 1 } }, autocontrast: { p: 1, percentile: { min: 60, max: 90 } } });
    const draw = (recipe: typeof base, seed: number) => sampleAugmentation(recipe, createRng(seed), { width: W, height: H });
    for (const seed of [1, 2, 3]) {
      const params = draw(more, seed);
      assert.ok(params.thickness && params.autocontrast);
      assert.deepEqual(draw(more, seed), params);
      const { thickness: _t, autocontrast: _a, ...rest } = params;
      assert.deepEqual(rest, draw(base, seed));
      const image = bar(5, 3, 150);
      assert.deepEqual(applyAugmentation(params, image).pixels, applyAugmentation(draw(more, seed), image).pixels);
    }
    assert.notDeepEqual(draw(more, 1).thickness, draw(more, 2).thickness);
  });

  it('a bad radius names the field and the allowed range', () => {
    assert.throws(() => parseRecipe({ thickness: { p: 0.5, radius: 9 } }, 'r.yaml'), (error: Error & { details?: string[] }) => {
      assert.match(error.message, /r\.yaml: invalid augmentation recipe/);
      assert.match(error.details?.join('\n') ?? '', /thickness\.radius: expected values within \[-3, 3\].*got 9/);
      return true;
    });
  });
});
