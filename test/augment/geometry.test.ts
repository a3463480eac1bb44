import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AugmentParams, type Raster, applyAugmentation, parseRecipe, sampleAugmentation, warpMatrix } from '../../src/augment/index.js';
import type { Box } from '../../src/label/index.js';
import { createRng } from '../../src/rng.js';

const W = 64, H = 48;

/** A grey image, black with a filled white rectangle (whole pixels). */
function rectangleImage(box: Box): Raster {
  const pixels = new Uint8Array(W * H);
  const [x, y, w, h] = box;
  for (let j = y; j < y + h; j++) pixels.fill(255, j * W + x, j * W + x + w);
  return { pixels, width: W, height: H, channels: 1 };
}

/** Tight box of the pixels at or above half intensity, or null. */
function brightBox(pixels: Uint8Array): Box | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (pixels[y * W + x]! < 128) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

/**
 * Within one pixel on every side. A box cut by the image border is the box of the clipped
 * quadrilateral, whose thin wedges along the border hold no half-covered pixel: then the image's
 * box must lie inside the label's (within one pixel).
 */
function assertBoxesMatch(found: Box | null, expected: Box | undefined, clipped: boolean, context: string): void {
  if (found === null || expected === undefined) {
    // A box the image shows nothing of may be dropped; a tiny sliver may show no half-bright pixel.
    const sliver = expected === undefined || Math.min(expected[2], expected[3]) < 1.5 || expected[2] * expected[3] < 2;
    assert.ok(found === null && sliver, `${context}: image box ${JSON.stringify(found)}, label box ${JSON.stringify(expected)}`);
    return;
  }
  const edges = (b: Box) => [b[0], b[1], b[0] + b[2], b[1] + b[3]];
  const [a, e] = [edges(found), edges(expected)];
  for (let k = 0; k < 4; k++) {
    const inside = k < 2 ? a[k]! >= e[k]! - 1 : a[k]! <= e[k]! + 1;
    assert.ok(clipped ? inside : Math.abs(a[k]! - e[k]!) <= 1,
      `${context}: image box ${JSON.stringify(found)} vs label box ${JSON.stringify(expected.map((v) => +v.toFixed(2)))}`);
  }
}

function checkRecipe(recipeInput: object, cases: number, label: string): void {
  const recipe = parseRecipe({ minVisibility: 0, ...recipeInput });
  const root = createRng(11).fork(label);
  let unclipped = 0;
  for (let i = 0; i < cases; i++) {
    const r = root.fork(i);
    const w = r.int(4, 30), h = r.int(4, 24);
    const box: Box = [r.int(0, W - w), r.int(0, H - h), w, h];
    const params = sampleAugmentation(recipe, r.fork('params'), { width: W, height: H });
    const result = applyAugmentation(params, rectangleImage(box), { boxes: [{ box, label: 0 }] });
    const moved = result.labels.boxes[0];
    assertBoxesMatch(brightBox(result.pixels), moved?.box, (moved?.visibility ?? 0) < 0.999, `${label} case ${i} ${JSON.stringify(params)}`);
    if (moved && moved.visibility >= 0.999) unclipped++;
  }
  assert.ok(unclipped > cases / 3, `only ${unclipped} of ${cases} cases kept the whole box`);
}

describe('geometry: labels follow the pixels', () => {
  it('affine (with crops and flips): a warped filled rectangle matches its transformed box within one pixel', () => {
    checkRecipe({
      crop: { p: 0.3, area: { min: 0.5, max: 1 } },
      // Shear is kept small: a sharper corner can keep its half-bright pixels more than a pixel from its tip.
      affine: { p: 1, rotate: { min: -40, max: 40 }, scale: { min: 0.7, max: 1.3 }, translate: { min: -0.2, max: 0.2 }, shear: { min: -5, max: 5 } },
      hflip: { p: 0.5 }, vflip: { p: 0.5 },
    }, 300, 'affine');
  });

  it('perspective: the same within one pixel', () => {
    checkRecipe({ affine: { p: 0.5, rotate: { min: -20, max: 20 } }, perspective: { p: 1, strength: { min: 0.05, max: 0.2 } } }, 300, 'perspective');
  });

  it('elastic: boxes from the displaced pixel grid match the image within one pixel', () => {
    checkRecipe({ affine: { p: 0.5, rotate: { min: -20, max: 20 } }, elastic: { p: 1, alpha: { min: 0.5, max: 2.5 }, sigma: { min: 4, max: 10 } } }, 150, 'elastic');
  });

  it('reports visibility and drops boxes under minVisibility', () => {
    const params: AugmentParams = { width: W, height: H, border: 'constant', fill: 0, minVisibility: 0.5, affine: { rotate: 0, scale: 1, translate: [-20, 0], shear: [0, 0] } };
    const result = applyAugmentation(params, rectangleImage([10, 10, 20, 10]), {
      boxes: [{ box: [10, 10, 20, 10], label: 0 }, { box: [30, 10, 10, 10], label: 1 }],
    });
    // The first box keeps 10 of its 20 columns (visibility 0.5, kept); the second moves whole.
    assert.deepEqual(result.labels.boxes.map((b) => [b.label, b.box, b.visibility]), [[0, [0, 10, 10, 10], 0.5], [1, [10, 10, 10, 10], 1]]);
    const stricter = applyAugmentation({ ...params, minVisibility: 0.6 }, rectangleImage([10, 10, 20, 10]), { boxes: [{ box: [10, 10, 20, 10], label: 0 }] });
    assert.equal(stricter.labels.boxes.length, 0);
  });

  it('masks stay aligned with the image', () => {
    // A white blob on black, and its mask. Where the bilinear image is clearly inside (> 191) or
    // clearly outside (< 64), the nearest tap is too, so the nearest-neighbour mask must agree:
    // even a half-pixel misalignment breaks that along every edge.
    const image = new Uint8Array(W * H), mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const inside = Math.hypot(x + 0.5 - 24, y + 0.5 - 20) < 12 || (x >= 36 && x < 58 && y >= 8 && y < 40 && (x + y) % 16 < 9);
      mask[y * W + x] = inside ? 1 : 0;
      image[y * W + x] = inside ? 255 : 0;
    }
    const recipe = parseRecipe({
      crop: { p: 0.3 },
      affine: { p: 1, rotate: { min: -30, max: 30 }, scale: { min: 0.8, max: 1.2 }, translate: { min: -0.1, max: 0.1 }, shear: { min: -8, max: 8 } },
      perspective: { p: 0.5 }, elastic: { p: 0.5 }, hflip: { p: 0.5 }, border: 'reflect',
    });
    for (let i = 0; i < 40; i++) {
      const params = sampleAugmentation(recipe, createRng(3).fork(i), { width: W, height: H });
      const result = applyAugmentation(params, { pixels: image, width: W, height: H, channels: 1 }, { masks: [mask] });
      const warped = result.labels.masks[0]!;
      let checked = 0;
      for (let p = 0; p < W * H; p++) {
        const v = result.pixels[p]!;
        if (v >= 64 && v <= 191) continue;
        checked++;
        assert.equal(warped[p], v > 191 ? 1 : 0, `case ${i}, pixel (${p % W}, ${Math.floor(p / W)}): image ${v}, mask ${warped[p]}; ${JSON.stringify(params)}`);
      }
      assert.ok(checked > 0.8 * W * H);
    }
  });

  it('composes crop, affine, perspective and flips into one matrix, source to output', () => {
    const params: AugmentParams = { width: W, height: H, border: 'constant', fill: 0, minVisibility: 0, hflip: true };
    assert.deepEqual(warpMatrix(params), [-1, 0, W, 0, 1, 0, 0, 0, 1]);
    assert.equal(warpMatrix({ ...params, hflip: undefined }), undefined);
  });
});
