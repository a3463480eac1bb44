import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AugmentParams, type ImageLabels, type Raster, applyAugmentation } from '../../src/augment/index.js';

const W = 40, H = 30;
const flat = (level: number): Raster => ({ pixels: new Uint8Array(W * H * 3).fill(level), width: W, height: H, channels: 3 });
const images = [flat(0), flat(100), flat(200), flat(250)];
const labels: ImageLabels[] = images.map((_, k) => ({ classes: [{ label: k, weight: 1 }], boxes: [{ box: [10, 10, 10, 6], label: k }] }));
const partner = (k: number) => ({ image: images[k]!, labels: labels[k] });
const base: AugmentParams = { width: W, height: H, border: 'constant', fill: 0, minVisibility: 0.2 };

describe('mixing transforms', () => {
  it('mixup blends pixels and splits the class by weight; boxes of both images are kept', () => {
    const result = applyAugmentation({ ...base, mixup: { partner: 2, weight: 0.75 } }, images[1]!, labels[1], { partner });
    assert.ok(result.pixels.every((v) => v === 125));
    assert.deepEqual(result.labels.classes, [{ label: 1, weight: 0.75 }, { label: 2, weight: 0.25 }]);
    assert.deepEqual(result.labels.boxes.map((b) => b.label), [1, 2]);
  });

  it('cutmix pastes a rectangle, weights by area, and clips the pasted boxes to it', () => {
    const rect: [number, number, number, number] = [15, 0, 20, 15];
    const result = applyAugmentation({ ...base, cutmix: { partner: 3, rect } }, images[1]!, labels[1], { partner });
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const inside = x >= 15 && x < 35 && y < 15;
      assert.equal(result.pixels[(y * W + x) * 3], inside ? 250 : 100);
    }
    const share = (20 * 15) / (W * H);
    assert.deepEqual(result.labels.classes, [{ label: 1, weight: 1 - share }, { label: 3, weight: share }]);
    // Own box [10,10,10,6]: 5×5 of its 60 px are covered. Partner's box clipped to the rect: [15,10,5,5].
    const [own, pasted] = result.labels.boxes;
    assert.deepEqual([own!.label, own!.box, own!.visibility], [1, [10, 10, 10, 6], 1 - 25 / 60]);
    assert.deepEqual([pasted!.label, pasted!.box, pasted!.visibility], [3, [15, 10, 5, 5], 25 / 60]);
  });

  it('mosaic fills the four quadrants from four images, with area weights and moved boxes', () => {
    const result = applyAugmentation({ ...base, mosaic: { partners: [1, 2, 3], centre: [16, 12] } }, images[0]!, labels[0], { partner });
    const at = (x: number, y: number) => result.pixels[(y * W + x) * 3];
    assert.deepEqual([at(2, 2), at(30, 2), at(2, 25), at(30, 25)], [0, 100, 200, 250]);
    const weights = result.labels.classes.map((c) => c.weight);
    assert.ok(Math.abs(weights.reduce((s, w) => s + w, 0) - 1) < 1e-12);
    assert.deepEqual(weights, [16 * 12, 24 * 12, 16 * 18, 24 * 18].map((a) => a / (W * H)));
    for (const b of result.labels.boxes) {
      const [x, y, w, h] = b.box;
      // Every kept box lies inside its tile's quadrant.
      const qx = b.label % 2 === 0 ? [0, 16] : [16, 40], qy = b.label < 2 ? [0, 12] : [12, 30];
      assert.ok(x >= qx[0]! - 1e-9 && x + w <= qx[1]! + 1e-9 && y >= qy[0]! - 1e-9 && y + h <= qy[1]! + 1e-9, JSON.stringify(b));
    }
  });

  it('a mixing transform without partner images is a clear error', () => {
    assert.throws(() => applyAugmentation({ ...base, mixup: { partner: 2, weight: 0.5 } }, images[0]!), /mixes in image 2, but no partner images were given/);
  });
});
