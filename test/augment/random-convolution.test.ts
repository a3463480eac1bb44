import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AugmentParams, type Raster, applyAugmentation, loadRecipe, parseRecipe, sampleAugmentation } from '../../src/augment/index.js';
import { createRng } from '../../src/rng.js';
import { fixture } from '../helpers.js';

const W = 16, H = 12;

/** Black, with a block of `value` at columns 5..8 and rows 3..8, in every channel. */
function block(value = 180, channels = 1): Raster {
  const pixels = new Uint8Array(W * H * channels);
  for (let y = 3; y <= 8; y++) for (let x = 5; x <= 8; x++) for (let c = 0; c < channels; c++) pixels[(y * W + x) * channels + c] = value + x * 5;
  return { pixels, width: W, height: H, channels };
}

const run = (randomConvolution: AugmentParams['randomConvolution'], image: Raster) =>
  applyAugmentation({ width: W, height: H, border: 'constant', fill: 0, minVisibility: 0.25, randomConvolution }, image).pixels;

describe('randomConvolution (RandConv)', () => {
  it('keeps the image at mix 1, and a 1×1 kernel on grey either keeps it (positive weight, rescaled) or clips it to black', () => {
    const image = block();
    assert.deepEqual(run({ kernel: 3, mix: 1, seed: 7 }, image), image.pixels);
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const out = run({ kernel: 1, mix: 0, seed }, image);
      const same = out.every((v, i) => Math.abs(v - image.pixels[i]!) <= 1);
      assert.ok(same || out.every((v) => v === 0), `seed ${seed}: neither the image nor black`);
      outcomes.add(same ? 'kept' : 'black');
    }
    assert.deepEqual([...outcomes].sort(), ['black', 'kept'], 'both signs of the weight occur');
  });

  it('changes texture within the kernel\'s reach of the object and nowhere else: a black ground stays black', () => {
    const image = block();
    for (const seed of [1, 2, 3, 4]) {
      const out = run({ kernel: 5, mix: 0, seed }, image);
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const far = x < 3 || x > 10 || y < 1 || y > 10;
          if (far) assert.equal(out[y * W + x], 0, `seed ${seed}: (${x}, ${y}) is out of reach`);
        }
      }
      assert.notDeepEqual(out, image.pixels);
    }
  });

  it('is a function of its parameters: the same seed gives the same bytes, another seed other bytes; colour channels are mixed', () => {
    const image = block(150, 3);
    const a = run({ kernel: 3, mix: 0.3, seed: 5 }, image);
    assert.deepEqual(run({ kernel: 3, mix: 0.3, seed: 5 }, image), a);
    assert.notDeepEqual(run({ kernel: 3, mix: 0.3, seed: 6 }, image), a);
    const inside = ((5 * W) + 6) * 3;
    assert.ok(a[inside] !== a[inside + 1] || a[inside + 1] !== a[inside + 2], 'a grey input comes out coloured');
  });

  it('samples an odd kernel from its own fork, and names a bad field', () => {
    const base = loadRecipe(fixture('augment/reference.yaml'));
    const more = parseRecipe({ ...base, randomConvolution: { p: 1, kernel: { min: 1, max: 8 } } });
    for (const seed of [1, 2, 3, 4, 5]) {
      const params = sampleAugmentation(more, createRng(seed), { width: W, height: H });
      const { randomConvolution, ...rest } = params;
      assert.ok(randomConvolution && randomConvolution.kernel % 2 === 1 && randomConvolution.kernel <= 9, JSON.stringify(randomConvolution));
      assert.ok(randomConvolution.mix >= 0 && randomConvolution.mix <= 1);
      assert.deepEqual(rest, sampleAugmentation(base, createRng(seed), { width: W, height: H }));
    }
    assert.throws(() => parseRecipe({ randomConvolution: { p: 0.5, mix: 2 } }, 'r.yaml'), (error: Error & { details?: string[] }) => {
      assert.match(error.details?.join('\n') ?? '', /randomConvolution\.mix: expected values within \[0, 1\].*got 2/);
      return true;
    });
  });
});
