import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  AugmentWorkers, type AugmentParams, type ImageLabels, augmentBatch, createOnlineAugmenter, loadRecipe, parseRecipe, sampleAugmentation,
} from '../../src/augment/index.js';
import { gaussianBlur } from '../../src/augment/kernels/blur.js';
import { gaussianNoise } from '../../src/augment/kernels/noise.js';
import { WasmKernels } from '../../src/augment/kernels/wasm-kernels.js';
import type { ImageBatch } from '../../src/dataset/index.js';
import { createRng } from '../../src/rng.js';
import { fixture } from '../helpers.js';

const everything = loadRecipe(fixture('augment/everything.yaml'));

function randomBatch(count: number, width: number, height: number, channels: 1 | 3, seed: number): ImageBatch {
  const rng = createRng(seed);
  const pixels = new Uint8Array(count * width * height * channels);
  // Smooth gradients plus a few bright squares, so that geometry and blur change something.
  for (let n = 0; n < count; n++) {
    const [a, b, c] = [rng.float(0, 4), rng.float(0, 4), rng.int(0, 200)];
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let k = 0; k < channels; k++) {
      const square = (x >> 3) % 3 === 0 && (y >> 3) % 2 === 1 ? 80 : 0;
      pixels[((n * height + y) * width + x) * channels + k] = Math.min(255, (c + a * x + b * y * (k + 1) + square) & 255);
    }
  }
  return { pixels, count, width, height, channels };
}

function labelsFor(count: number): ImageLabels[] {
  return Array.from({ length: count }, (_, i) => ({ classes: [{ label: i % 3, weight: 1 }], boxes: [{ box: [4, 4, 12, 10], label: i % 3 }] }));
}

function sampleBatch(seed: number, batch: ImageBatch, recipe = everything): AugmentParams[] {
  const root = createRng(seed);
  return Array.from({ length: batch.count }, (_, i) =>
    sampleAugmentation(recipe, root.fork(i), { width: batch.width, height: batch.height }, { pool: { size: batch.count, self: i } }));
}

describe('determinism', () => {
  const batch = randomBatch(24, 40, 32, 3, 1);

  it('the same seed gives the same parameters, bytes and labels; another seed does not', () => {
    const first = augmentBatch(batch, sampleBatch(7, batch), labelsFor(24));
    const again = augmentBatch(batch, sampleBatch(7, batch), labelsFor(24));
    assert.deepEqual(sampleBatch(7, batch), sampleBatch(7, batch));
    assert.deepEqual(again.batch.pixels, first.batch.pixels);
    assert.deepEqual(again.labels, first.labels);
    const other = augmentBatch(batch, sampleBatch(8, batch), labelsFor(24));
    assert.notDeepEqual(other.batch.pixels, first.batch.pixels);
    // The input is never written to.
    assert.deepEqual(batch.pixels, randomBatch(24, 40, 32, 3, 1).pixels);
  });

  it('each transform draws from its own fork: removing one leaves the others unchanged', () => {
    const { affine, ...withoutAffine } = everything;
    assert.ok(affine);
    const all = sampleBatch(3, batch);
    const fewer = sampleBatch(3, batch, parseRecipe(withoutAffine));
    all.forEach((p, i) => {
      const { affine: _a, ...rest } = p;
      assert.deepEqual(fewer[i], rest);
    });
  });

  it('worker threads give the same bytes as the main thread', async () => {
    const params = sampleBatch(5, batch);
    const main = augmentBatch(batch, params, labelsFor(24));
    for (const [count, background] of [[1, false], [2, false], [1, true], [2, true]] as const) {
      const pool = await AugmentWorkers.start(count, { background });
      after(() => pool.close());
      const parallel = await pool.apply(batch, params, labelsFor(24));
      const what = `${count} worker(s)${background ? ' in the background' : ''}`;
      assert.deepEqual(parallel.batch.pixels, main.batch.pixels, what);
      assert.deepEqual(parallel.labels, main.labels, what);
    }
  });

  it('the blur with noise fused into its last pass gives the bytes of blur then noise', () => {
    for (const [channels, kernel, perChannel] of [[3, 3, true], [1, 5, true], [3, 7, false], [1, 3, true]] as const) {
      const image = randomBatch(1, 33, 17, channels, kernel);
      const raster = { pixels: image.pixels, width: 33, height: 17, channels };
      const separate = { ...raster, pixels: raster.pixels.slice() };
      const fused = { ...raster, pixels: raster.pixels.slice() };
      const blur = { sigma: 0.9, kernel };
      const noise = { std: 9, perChannel, seed: 1234 };
      gaussianBlur(separate, blur);
      gaussianNoise(separate, noise);
      gaussianBlur(fused, blur, noise);
      assert.deepEqual(fused.pixels, separate.pixels, `${channels} channel(s), kernel ${kernel}`);
    }
  });

  it('online: an image depends on (seed, epoch, key), not on its place in the batch', async () => {
    const recipe = parseRecipe({ affine: { p: 1, rotate: { min: -20, max: 20 } }, gaussianNoise: { p: 1, std: 5 }, jpeg: { p: 0.5 } });
    const augmenter = createOnlineAugmenter(recipe, 9, { classes: 3 });
    const small = randomBatch(4, 28, 28, 1, 2);
    const per = 28 * 28;
    const a = await augmenter.augment(small, [0, 1, 2, 0], { epoch: 1, keys: [10, 11, 12, 13] });
    // The same samples in reverse order.
    const reversed: ImageBatch = { ...small, pixels: new Uint8Array(small.pixels.length) };
    for (let i = 0; i < 4; i++) reversed.pixels.set(small.pixels.subarray(i * per, (i + 1) * per), (3 - i) * per);
    const b = await augmenter.augment(reversed, [0, 2, 1, 0], { epoch: 1, keys: [13, 12, 11, 10] });
    for (let i = 0; i < 4; i++) assert.deepEqual(b.pixels.subarray((3 - i) * per, (4 - i) * per), a.pixels.subarray(i * per, (i + 1) * per));
    const nextEpoch = await augmenter.augment(small, [0, 1, 2, 0], { epoch: 2, keys: [10, 11, 12, 13] });
    assert.notDeepEqual(nextEpoch.pixels, a.pixels);
    assert.deepEqual(Array.from(a.targets), [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('online mixing gives soft targets whose rows sum to 1', async () => {
    const augmenter = createOnlineAugmenter(parseRecipe({ mixup: { p: 1 }, cutmix: { p: 0.5 } }), 4, { classes: 3 });
    const small = randomBatch(6, 16, 16, 3, 3);
    const { targets, params } = await augmenter.augment(small, [0, 1, 2, 0, 1, 2], { epoch: 0, keys: [0, 1, 2, 3, 4, 5] });
    for (let i = 0; i < 6; i++) {
      const row = Array.from(targets.subarray(i * 3, i * 3 + 3));
      assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-6, `row ${i}: ${row}`);
      const partner = params[i]!.mixup!.partner;
      assert.notEqual(partner, i);
      if (partner % 3 !== i % 3) assert.ok(row.filter((v) => v > 0).length >= 2, `row ${i} should be soft: ${row}`);
    }
  });
});

describe('WebAssembly kernels', () => {
  it('are available here, and give the bytes of the JavaScript kernels', () => {
    assert.ok(WasmKernels.get(), 'WebAssembly SIMD kernels should load in Node 20');
    const recipe = parseRecipe({
      affine: { p: 1, rotate: { min: -30, max: 30 }, scale: { min: 0.8, max: 1.2 }, translate: { min: -0.2, max: 0.2 }, shear: { min: -10, max: 10 } },
      hflip: { p: 0.5 }, brightnessContrast: { p: 0.7, brightness: { min: -30, max: 30 }, contrast: { min: 0.7, max: 1.3 } },
      gaussianBlur: { p: 0.8, kernel: 3, sigma: { min: 0.1, max: 1.5 } }, gaussianNoise: { p: 0.7, std: { min: 1, max: 20 } },
      border: 'constant', fill: 30,
    });
    for (const [channels, border] of [[3, 'constant'], [1, 'constant'], [3, 'reflect'], [1, 'replicate']] as const) {
      const batch = randomBatch(40, 37, 23, channels, 4);
      const params = sampleBatch(6, batch, { ...recipe, border });
      const fast = augmentBatch(batch, params);
      WasmKernels.disable(true);
      try {
        const slow = augmentBatch(batch, params);
        assert.deepEqual(fast.batch.pixels, slow.batch.pixels, `${channels} channel(s), ${border} border`);
      } finally {
        WasmKernels.disable(false);
      }
    }
  });
});
