import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FramePattern } from '../../src/render/materials/pattern.js';
import { TILE_SIZE, gradientView, patternTile, patternView } from '../../src/render/materials/pattern-pixels.js';
import { gradientOrientation, orientationError } from './orientation.js';

const base: FramePattern = { type: 'stripes', seed: 7, scale: 6, angle: 0, colours: ['#ffffff', '#000000'], contrast: 1 };

/** Red channel, rows top-down (the pattern functions write rows bottom-up). */
function red(rgba: Uint8Array, width: number, height: number): number[] {
  const out: number[] = [];
  for (let y = height - 1; y >= 0; y--) for (let x = 0; x < width; x++) out.push(rgba[(y * width + x) * 4]!);
  return out;
}

function view(p: FramePattern, width = 96, height = 96): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  patternView(p, out, width, height, height / width);
  return out;
}

describe('pattern pixels', () => {
  it('turns stripes by their angle', () => {
    for (const angle of [0, 30, 75, 120, 160]) {
      const grey = red(view({ ...base, angle }), 96, 96);
      const error = orientationError(gradientOrientation(grey, 96, 96), angle + 90);
      assert.ok(error < 2, `stripes at ${angle}°: gradients off by ${error}°`);
    }
  });

  it('gives the same bytes for the same values, other noise for another seed', () => {
    const noise: FramePattern = { ...base, type: 'noise' };
    assert.deepEqual(view(noise), view(noise));
    assert.notDeepEqual(view(noise), view({ ...noise, seed: 8 }));
  });

  it('blends into the mean colour at contrast 0 and spans both colours at contrast 1', () => {
    const flat = view({ ...base, type: 'checker', contrast: 0 });
    assert.ok(red(flat, 96, 96).every((v) => v === 128));
    const full = red(view({ ...base, type: 'noise' }), 96, 96);
    assert.equal(Math.min(...full), 0);
    assert.equal(Math.max(...full), 255);
  });

  it('makes material tiles that repeat without a seam', () => {
    for (const type of ['noise', 'stripes', 'checker', 'plaid'] as const) {
      const tile = new Uint8Array(TILE_SIZE * TILE_SIZE * 4);
      patternTile({ ...base, type, seed: 3 }, tile);
      const grey = red(tile, TILE_SIZE, TILE_SIZE);
      // Across the wrap, neighbours differ no more than neighbours inside the tile do.
      const inside = Math.max(...grey.map((v, i) => (i % TILE_SIZE === 0 ? 0 : Math.abs(v - grey[i - 1]!))));
      for (let y = 0; y < TILE_SIZE; y++) {
        const across = Math.abs(grey[y * TILE_SIZE]! - grey[y * TILE_SIZE + TILE_SIZE - 1]!);
        assert.ok(across <= inside, `${type}: row ${y} jumps by ${across} across the wrap (inside at most ${inside})`);
      }
    }
  });

  it('draws a plaid as bands and thin lines crossing both ways, darkest where they cross', () => {
    const grey = red(view({ ...base, type: 'plaid', scale: 3 }), 96, 96);
    const rows = Array.from({ length: 96 }, (_, y) => grey.slice(y * 96, y * 96 + 96));
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const rowMeans = rows.map((r) => r.reduce((a, b) => a + b, 0) / 96);
    const columnMeans = Array.from({ length: 96 }, (_, x) => rows.reduce((a, r) => a + r[x]!, 0) / 96);
    assert.ok(spread(rowMeans) > 60 && spread(columnMeans) > 60, 'varies down the image and across it');
    // Stripes have two tones, a checker two; a plaid's bands and lines add up to more.
    const levels = new Set(grey.map((v) => Math.round(v / 16)));
    assert.ok(levels.size >= 6, `only ${levels.size} grey levels`);
    // Colour 1 is black: a row or column darker than the mean lies on a band, and where a dark row
    // crosses a dark column the pixel is darker than where only one of them is dark.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const all = mean(grey);
    const onBand = (i: number) => [rowMeans[Math.floor(i / 96)]! < all, columnMeans[i % 96]! < all];
    const both = grey.filter((_, i) => onBand(i).every(Boolean));
    const one = grey.filter((_, i) => onBand(i).filter(Boolean).length === 1);
    assert.ok(mean(both) < mean(one) - 40, `crossings ${mean(both)}, single bands ${mean(one)}`);
  });

  it('draws a gradient from the first colour to the second along its angle', () => {
    const out = new Uint8Array(64 * 32 * 4);
    gradientView(['#000000', '#ffffff'], 0, out, 64, 32, 0.5);
    const grey = red(out, 64, 32);
    assert.ok(grey[0]! < 5 && grey[63]! > 250, 'dark at the left, light at the right');
    assert.deepEqual(grey.slice(0, 64), grey.slice(64 * 31), 'constant across the angle');
    gradientView(['#000000', '#ffffff'], 90, out, 64, 32, 0.5);
    const up = red(out, 64, 32);
    assert.ok(up[64 * 31]! < 5 && up[0]! > 250, 'dark at the bottom, light at the top');
    gradientView(['#000000', '#ffffff'], 35, out, 64, 32, 0.5);
    assert.ok(orientationError(gradientOrientation(red(out, 64, 32), 64, 32), 35) < 2, 'turned by its angle');
  });
});
