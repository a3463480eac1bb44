import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { type AugmentParams, type Raster, applyAugmentation } from '../../src/augment/index.js';
import { createRng } from '../../src/rng.js';

const W = 48, H = 40;

/** A colourful RGB test image: gradients, a disc and some texture. */
function testImage(channels: 1 | 3 = 3, seed = 1): Raster {
  const rng = createRng(seed);
  const pixels = new Uint8Array(W * H * channels);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const disc = Math.hypot(x - 30, y - 18) < 9;
    for (let c = 0; c < channels; c++) {
      const base = c === 0 ? x * 4 : c === 1 ? y * 5 : 120;
      pixels[(y * W + x) * channels + c] = Math.min(255, Math.max(0, (disc ? 230 - c * 60 : base) + rng.int(-12, 12)));
    }
  }
  return { pixels, width: W, height: H, channels };
}

function params(extra: Partial<AugmentParams>): AugmentParams {
  return { width: W, height: H, border: 'constant', fill: 0, minVisibility: 0.25, ...extra };
}

function stats(pixels: Uint8Array, channels = 1, channel = 0): { mean: number; std: number } {
  let sum = 0, sq = 0, n = 0;
  for (let i = channel; i < pixels.length; i += channels) {
    sum += pixels[i]!;
    sq += pixels[i]! ** 2;
    n++;
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(sq / n - mean * mean) };
}

/** Mean absolute difference between horizontally adjacent values: high-frequency energy. */
function roughness(pixels: Uint8Array, channels: number, axis: 'x' | 'y' = 'x'): number {
  let sum = 0, n = 0;
  const step = axis === 'x' ? channels : W * channels;
  for (let i = 0; i + step < pixels.length; i++) {
    if (axis === 'x' && Math.floor(i / channels) % W === W - 1) continue;
    sum += Math.abs(pixels[i + step]! - pixels[i]!);
    n++;
  }
  return sum / n;
}

const run = (extra: Partial<AugmentParams>, image = testImage()) => applyAugmentation(params(extra), image).pixels;

describe('photometric transforms', () => {
  const image = testImage();
  const before = stats(image.pixels);

  it('contrast below 1 lowers the spread, above 1 raises it; brightness moves the mean', () => {
    assert.ok(stats(run({ brightnessContrast: { contrast: 0.6, brightness: 40 } })).std < before.std * 0.65);
    assert.ok(stats(run({ brightnessContrast: { contrast: 1.3, brightness: 0 } })).std > before.std * 1.05);
    const brighter = stats(run({ brightnessContrast: { contrast: 1, brightness: 20 } }));
    assert.ok(brighter.mean > before.mean + 15 && brighter.mean <= before.mean + 20);
  });

  it('gamma above 1 darkens mid-tones and keeps black and white', () => {
    const out = run({ gamma: { gamma: 2 } });
    assert.ok(stats(out).mean < before.mean - 20);
    const ends = applyAugmentation({ ...params({ gamma: { gamma: 2 } }), width: 3, height: 1 }, { pixels: Uint8Array.from([0, 128, 255]), width: 3, height: 1, channels: 1 });
    assert.deepEqual([...ends.pixels], [0, 64, 255]);
  });

  it('hue, saturation and value act in HSV', () => {
    const red: Raster = { pixels: new Uint8Array(W * H * 3).map((_, i) => (i % 3 === 0 ? 200 : 20)), width: W, height: H, channels: 3 };
    const green = run({ hueSaturation: { hue: 120, saturation: 1, value: 1 } }, red);
    assert.deepEqual([...green.subarray(0, 3)], [20, 200, 20]);
    const grey = run({ hueSaturation: { hue: 0, saturation: 0, value: 1 } }, red);
    assert.deepEqual([...grey.subarray(0, 3)], [200, 200, 200]);
    const darker = run({ hueSaturation: { hue: 0, saturation: 1, value: 0.5 } }, red);
    assert.deepEqual([...darker.subarray(0, 3)], [100, 10, 10]);
  });

  it('greyscale makes the channels equal (Rec. 601 luma)', () => {
    const out = run({ greyscale: true });
    for (let i = 0; i < out.length; i += 3) assert.ok(out[i] === out[i + 1] && out[i] === out[i + 2]);
    const [r, g, b] = image.pixels;
    assert.equal(out[0], Math.round(0.299 * r! + 0.587 * g! + 0.114 * b!));
  });

  it('Gaussian blur removes high frequencies and keeps flat areas flat', () => {
    assert.ok(roughness(run({ gaussianBlur: { sigma: 1, kernel: 5 } }), 3) < 0.7 * roughness(image.pixels, 3));
    const flat: Raster = { pixels: new Uint8Array(W * H).fill(77), width: W, height: H, channels: 1 };
    assert.ok(run({ gaussianBlur: { sigma: 2, kernel: 13 } }, flat).every((v) => v === 77));
  });

  it('motion blur smooths along its direction only', () => {
    const stripes: Raster = { pixels: new Uint8Array(W * H).map((_, i) => ((i % W) + Math.floor(i / W)) % 2 ? 255 : 0), width: W, height: H, channels: 1 };
    const horizontal = run({ motionBlur: { length: 7, angle: 0 } }, stripes);
    assert.ok(roughness(horizontal, 1, 'x') < 0.2 * roughness(stripes.pixels, 1, 'x'));
  });

  it('Gaussian noise has the requested spread and no bias', () => {
    const grey: Raster = { pixels: new Uint8Array(200 * 200).fill(128), width: 200, height: 200, channels: 1 };
    const out = applyAugmentation({ ...params({}), width: 200, height: 200, gaussianNoise: { std: 10, perChannel: true, seed: 3 } }, grey).pixels;
    const s = stats(out);
    assert.ok(Math.abs(s.mean - 128) < 0.2, `mean ${s.mean}`);
    assert.ok(Math.abs(s.std - 10) < 0.3, `std ${s.std}`);
  });

  it('salt and pepper replaces about `amount` of the pixels', () => {
    const grey: Raster = { pixels: new Uint8Array(200 * 200).fill(128), width: 200, height: 200, channels: 1 };
    const out = applyAugmentation({ ...params({}), width: 200, height: 200, saltPepper: { amount: 0.05, salt: 0.5, seed: 1 } }, grey).pixels;
    const white = out.filter((v) => v === 255).length / out.length, black = out.filter((v) => v === 0).length / out.length;
    assert.ok(Math.abs(white - 0.025) < 0.004 && Math.abs(black - 0.025) < 0.004, `${white} ${black}`);
  });

  it('JPEG artefacts are close to a real JPEG round trip at the same quality', async () => {
    for (const quality of [30, 75]) {
      const ours = run({ jpeg: { quality } });
      const jpeg = await sharp(image.pixels, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
      const real = await sharp(jpeg).raw().toBuffer();
      let diff = 0, loss = 0;
      for (let i = 0; i < real.length; i++) {
        diff += Math.abs(real[i]! - ours[i]!);
        loss += Math.abs(image.pixels[i]! - ours[i]!);
      }
      diff /= real.length;
      loss /= real.length;
      assert.ok(diff < 1.5, `quality ${quality}: ${diff.toFixed(2)} grey levels from sharp's JPEG`);
      assert.ok(loss > 0.5, `quality ${quality}: changed the image by only ${loss.toFixed(2)}`);
    }
  });

  it('cutout fills its holes and lowers the visibility of the boxes they cover', () => {
    const result = applyAugmentation(params({ cutout: { holes: [{ rect: [0, 0, 10, 10], fill: 7 }] } }), image, {
      boxes: [{ box: [0, 0, 10, 20], label: 0 }, { box: [0, 0, 11, 11], label: 1 }],
    });
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) assert.equal(result.pixels[(y * W + x) * 3], 7);
    // Half of the first box is hidden (kept, 0.5 ≥ 0.25); the second is 100/121 hidden (dropped).
    assert.deepEqual(result.labels.boxes.map((b) => [b.label, b.visibility]), [[0, 0.5]]);
  });

  it('weather: fog pulls towards its colour, rain and snow lighten streaks and flakes', () => {
    const dark: Raster = { pixels: new Uint8Array(W * H * 3).fill(40), width: W, height: H, channels: 3 };
    assert.ok(stats(run({ fog: { density: 0.5, colour: 220, seed: 1 } }, dark)).mean > 110);
    const rain = run({ rain: { drops: 40, length: 8, angle: 10, opacity: 0.6, seed: 2 } }, dark);
    const snow = run({ snow: { flakes: 40, size: 1, opacity: 0.8, seed: 3 } }, dark);
    for (const out of [rain, snow]) {
      const lit = out.filter((v) => v > 60).length / out.length;
      assert.ok(lit > 0.02 && lit < 0.6, `lit fraction ${lit}`);
      assert.ok(out.every((v) => v >= 40));
    }
  });

  it('grey images go through every colour transform', () => {
    const grey = testImage(1);
    const out = run({ brightnessContrast: { brightness: 5, contrast: 1.1 }, gamma: { gamma: 0.9 }, hueSaturation: { hue: 30, saturation: 1.2, value: 0.9 }, greyscale: true, jpeg: { quality: 50 } }, grey);
    assert.equal(out.length, W * H);
    assert.notDeepEqual(out, grey.pixels);
  });
});
