import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { SynthError } from '../../src/errors.js';
import { createRng } from '../../src/rng.js';
import { selectBackend } from '../../src/train/backend.js';
import { ClassThresholds } from '../../src/train/class-thresholds.js';
import { trainModel } from '../../src/train/train-model.js';
import { type UnlabelledPool, pseudoTargets, unlabelledOrder } from '../../src/train/unlabelled.js';
import { repoRoot, smallMnist, tempDir } from '../helpers.js';

function assertClose(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) < 1e-9, `${actual} against ${expected}`));
}

describe('unlabelled images (consistency training)', () => {
  const root = tempDir();
  const recipe = path.join(repoRoot, 'recipes', 'synthetic-digits.yaml');
  let data: string;
  before(async () => {
    await selectBackend('auto');
    data = await smallMnist(path.join(root, 'mnist'), 100, 10);
  });

  it('labels only the images the model is sure of, with the weight given, and leaves the others out of the loss', () => {
    // A model whose output depends only on an image's brightness: black is surely class 0, white surely class 1, grey neither.
    const model = tf.sequential({ layers: [
      tf.layers.flatten({ inputShape: [2, 2, 1] }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }),
    ] });
    const weights = [tf.tensor2d([[0, 5, 0], [0, 5, 0], [0, 5, 0], [0, 5, 0]]), tf.tensor1d([5, -5, 0])];
    model.setWeights(weights);
    tf.dispose(weights);
    const clean = new Uint8Array([0, 0, 0, 0, 255, 255, 255, 255, 128, 128, 128, 128]);
    const pool = { images: { pixels: clean, count: 3, height: 2, width: 2, channels: 1 }, threshold: 0.95, weight: 0.5 } as UnlabelledPool;
    const { targets, kept } = pseudoTargets(model, { count: 3, indices: [0, 1, 2], clean, strong: clean }, pool, 3);
    assert.equal(kept, 2);
    assert.deepEqual([...targets], [0.5, 0, 0, 0, 0.5, 0, 0, 0, 0]);
    const strict = pseudoTargets(model, { count: 3, indices: [0, 1, 2], clean, strong: clean }, { ...pool, threshold: 1 }, 3);
    assert.equal(strict.kept, 0, 'a threshold of 1 keeps nothing short of certainty');
    model.dispose();
  });

  it('gives each class a bar that grows with the images the model is sure are of it (FlexMatch)', () => {
    const thresholds = new ClassThresholds(10, 3, 0.9);
    assert.deepEqual([...thresholds.bars()], [0, 0, 0], 'sure of nothing yet: every pseudo-label counts');
    // Sure of images 0-3 as class 0 and image 4 as class 1; image 5's 0.5 is not sure, so it stays unknown.
    thresholds.record([0, 1, 2, 3, 4, 5], new Int32Array([0, 0, 0, 0, 1, 2]), new Float32Array([0.95, 0.91, 0.99, 0.91, 0.97, 0.5]));
    const bar = (beta: number) => (0.9 * beta) / (2 - beta);
    // Five images unsure (5-9) outweigh class 0's four: the warm-up scales by them.
    assertClose([...thresholds.bars()], [bar(4 / 5), bar(1 / 5), 0]);
    thresholds.record([5, 6, 7, 8, 9, 0], new Int32Array([0, 0, 0, 2, 2, 1]), new Float32Array(6).fill(0.91));
    // Class 0 now holds 1-3 and 5-7, the best-learnt class: its bar is the threshold itself. Image 0 moved to class 1.
    assertClose([...thresholds.bars()], [0.9, bar(2 / 6), bar(2 / 6)]);
    assert.deepEqual([...new ClassThresholds(10, 3, 0.9, thresholds.sure).bars()], [...thresholds.bars()], 'restored from what it saved');
  });

  it('refuses saved bars that do not fit the pool or the classes (a damaged checkpoint)', () => {
    assert.throws(() => new ClassThresholds(3, 2, 0.9, new Int32Array([0, 1])), /holds 2 unlabelled images, the pool 3/);
    assert.throws(() => new ClassThresholds(3, 2, 0.9, new Int32Array([0, 2, -1])), /unlabelled image 1 class 2, outside -1…1 \(a damaged checkpoint\)/);
    assert.throws(() => new ClassThresholds(3, 2, 0.9, new Int32Array([-2, 0, 1])), /unlabelled image 0 class -2/);
  });

  it('lets a pseudo-label of a less-learnt class count under its lower bar', () => {
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [1, 1, 1] }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
    const weights = [tf.tensor2d([[-2.1, 2.1]]), tf.tensor1d([2, -2])];
    model.setWeights(weights);
    tf.dispose(weights);
    // Black is class 0 with p = 0.98; white is class 1 with p = 0.55.
    const clean = new Uint8Array([0, 0, 255]);
    const pool = { images: { pixels: clean, count: 3, height: 1, width: 1, channels: 1 }, threshold: 0.95, weight: 1 } as UnlabelledPool;
    const thresholds = new ClassThresholds(3, 2, 0.95);
    thresholds.record([0, 1], new Int32Array([0, 0]), new Float32Array([0.98, 0.98]));
    const batch = { count: 3, indices: [0, 1, 2], clean, strong: clean };
    assert.equal(pseudoTargets(model, batch, pool, 2).kept, 2, 'under the fixed bar, white is not sure enough');
    const adaptive = pseudoTargets(model, batch, pool, 2, thresholds);
    assert.equal(adaptive.kept, 3, 'class 1 has no sure images yet: its bar is 0');
    assert.deepEqual([...adaptive.targets], [1, 0, 1, 0, 0, 1]);
    assert.deepEqual([...thresholds.sure], [0, 0, -1], 'white was counted, but it is still not sure');
    model.dispose();
  });

  it('goes through the pool in fresh permutations, each image once per pass', () => {
    const order = unlabelledOrder(10, 25, createRng(1));
    assert.equal(order.length, 25);
    for (const pass of [order.slice(0, 10), order.slice(10, 20)]) assert.deepEqual([...pass].sort((a, b) => a - b), [...Array(10).keys()]);
    assert.notDeepEqual(order.slice(0, 10), order.slice(10, 20));
    assert.deepEqual(unlabelledOrder(10, 25, createRng(1)), order, 'seeded');
  });

  it('learns from the unlabelled images, records them, and an interrupted run resumes to the same weights', async () => {
    const options = {
      data: [{ dir: data, fraction: 0.5 }], epochs: 3, valSplit: 0, seed: 2, augment: recipe,
      unlabelled: { dir: data, threshold: 0.7, ratio: 2 },
    };
    const whole = await trainModel({ ...options, out: path.join(root, 'whole') });
    const kept = whole.metrics.map((m) => m.unlabelledKept!);
    assert.ok(kept.every((k) => k >= 0 && k <= 1), `kept shares ${kept}`);
    assert.ok(kept[2]! > 0, `the model grows sure of some unlabelled images: ${kept}`);
    const config = JSON.parse(readFileSync(path.join(whole.out, 'config.json'), 'utf8')) as { unlabelled: { images: number; ratio: number; threshold: number; recipe: { file: string } } };
    assert.deepEqual([config.unlabelled.images, config.unlabelled.ratio, config.unlabelled.threshold, config.unlabelled.recipe.file], [1000, 2, 0.7, recipe]);

    const labelledOnly = await trainModel({ ...options, unlabelled: undefined, out: path.join(root, 'labelled-only') });
    const weights = (dir: string) => readFileSync(path.join(dir, 'weights.bin'));
    assert.notDeepEqual(weights(whole.modelDir), weights(labelledOnly.modelDir), 'the unlabelled images change the steps');

    const run = path.join(root, 'interrupted');
    const controller = new AbortController();
    await assert.rejects(
      trainModel({ ...options, out: run, signal: controller.signal, onBatch: (p) => { if (p.epoch === 2 && p.batch === 3) controller.abort(); } }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 130,
    );
    const resumed = await trainModel({ ...options, out: run, resume: true });
    assert.deepEqual(weights(resumed.modelDir), weights(whole.modelDir), 'same bytes as the run never stopped');
    assert.deepEqual(resumed.metrics.map((m) => m.unlabelledKept), kept);
    await assert.rejects(trainModel({ ...options, unlabelled: { ...options.unlabelled, threshold: 0.9 }, out: run, resume: true }),
      /made with another configuration \(changed: unlabelled\)/);
  });

  it('with class-adaptive bars, keeps more pseudo-labels early, and resumes to the same weights from what its checkpoint learnt', async () => {
    const options = {
      data: [{ dir: data, fraction: 0.5 }], epochs: 2, valSplit: 0, seed: 3, augment: recipe,
      // A pool of 100 images, seen five times an epoch: the bars have risen by the interruption.
      unlabelled: { dir: data, split: 'test' as const, threshold: 0.6, ratio: 1, adaptive: true },
    };
    const fixed = await trainModel({ ...options, unlabelled: { ...options.unlabelled, adaptive: false }, out: path.join(root, 'fixed') });
    const whole = await trainModel({ ...options, out: path.join(root, 'adaptive') });
    assert.ok(whole.metrics[0]!.unlabelledKept! > fixed.metrics[0]!.unlabelledKept!,
      `bars start at 0: ${whole.metrics[0]!.unlabelledKept} against ${fixed.metrics[0]!.unlabelledKept}`);
    const config = JSON.parse(readFileSync(path.join(whole.out, 'config.json'), 'utf8')) as { unlabelled: { adaptive?: boolean } };
    assert.equal(config.unlabelled.adaptive, true);

    const run = path.join(root, 'adaptive-interrupted');
    const controller = new AbortController();
    await assert.rejects(
      trainModel({ ...options, out: run, signal: controller.signal, onBatch: (p) => { if (p.epoch === 2 && p.batch === 2) controller.abort(); } }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 130,
    );
    const sure = path.join(run, 'checkpoint', 'class-thresholds.bin');
    assert.equal(readFileSync(sure).length, 4 * 100, 'one class (or -1) per unlabelled image');
    const resumed = await trainModel({ ...options, out: run, resume: true });
    const weights = (dir: string) => readFileSync(path.join(dir, 'weights.bin'));
    assert.deepEqual(weights(resumed.modelDir), weights(whole.modelDir), 'same bytes as the run never stopped');
    assert.deepEqual(resumed.metrics.map((m) => m.unlabelledKept), whole.metrics.map((m) => m.unlabelledKept));
  });

  it('refuses a mixing recipe, a missing recipe, other images or a bad setting, naming what is wrong, before making a run folder', async () => {
    const mixing = path.join(root, 'mixup.yaml');
    writeFileSync(mixing, 'mixup: { p: 0.5 }\n');
    const other = await smallMnist(path.join(root, 'other'), 1, 1);
    const meta = path.join(other, 'dataset.json');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('"width": 28', '"width": 14'));
    const cases: [Parameters<typeof trainModel>[0]['unlabelled'], string | undefined, RegExp][] = [
      [{ dir: data }, mixing, /mixup\.yaml: mixup: mixing blends two images' labels/],
      [{ dir: data }, undefined, /--unlabelled: needs a recipe for the strong views/],
      [{ dir: other }, recipe, /other: images are 28×14×1 \(h×w×c\), but the training data's are 28×28×1/],
      [{ dir: data, threshold: 0 }, recipe, /--confidence: expected a probability in \(0, 1\], got 0/],
      [{ dir: data, ratio: -1 }, recipe, /--unlabelled-ratio: expected a number > 0, got -1/],
      [{ dir: data, split: 'val' }, recipe, /no val images to learn from without labels/],
    ];
    for (const [unlabelled, augment, message] of cases) {
      const out = path.join(root, 'refused');
      await assert.rejects(trainModel({ data: [{ dir: data }], out, epochs: 1, augment, unlabelled }),
        (e: unknown) => e instanceof SynthError && e.exitCode === 2 && message.test(e.message), String(message));
      assert.equal(existsSync(out), false, String(message));
    }
  });
});
