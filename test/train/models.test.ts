import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/train/backend.js';
import { saveModel, loadModel } from '../../src/train/model-files.js';
import { referenceModel, smallResnet } from '../../src/train/models.js';
import { tempDir } from '../helpers.js';
import { createRng, type Rng } from '../../src/rng.js';

/** 28×28 noise with a bright 8×8 square in one of four quadrants; the class is the quadrant. */
function quadrants(rng: Rng, count: number): { x: tf.Tensor4D; y: tf.Tensor2D; labels: number[] } {
  const pixels = new Float32Array(count * 28 * 28);
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = rng.int(0, 3);
    labels.push(label);
    const top = (label >> 1) * 14 + rng.int(1, 5);
    const left = (label & 1) * 14 + rng.int(1, 5);
    for (let p = 0; p < 28 * 28; p++) {
      const r = Math.floor(p / 28);
      const c = p % 28;
      const inSquare = r >= top && r < top + 8 && c >= left && c < left + 8;
      pixels[i * 784 + p] = (inSquare ? 0.7 : 0) + rng.float(0, 0.3);
    }
  }
  return {
    x: tf.tensor4d(pixels, [count, 28, 28, 1]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), 4) as tf.Tensor2D,
    labels,
  };
}

// The ResNet gets more epochs: 8 batches an epoch is too few for its batch-norm moving statistics
// (used at inference) to catch up with weights that change this fast.
for (const [name, build, epochs] of [['reference', referenceModel, 3], ['small-resnet', smallResnet, 5]] as const) {
  test(`the ${name} model learns a trivially learnable task on wasm, well above chance`, async () => {
    const selected = await selectBackend('wasm');
    assert.equal(selected.name, 'wasm');
    const rng = createRng(7);
    const train = quadrants(rng.fork('train'), 512);
    const held = quadrants(rng.fork('test'), 256);
    const model = build([28, 28, 1], 4, { seed: 3 });
    const history = await model.fit(train.x, train.y, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
    const losses = history.history['loss'] as number[];
    assert.ok(losses.at(-1)! < losses[0]!, `loss should fall: ${losses.join(', ')}`);
    const predicted = await (model.predict(held.x) as tf.Tensor2D).argMax(1).data();
    const accuracy = held.labels.filter((label, i) => predicted[i] === label).length / held.labels.length;
    assert.ok(accuracy > 0.9, `held-out accuracy ${accuracy} (chance 0.25)`);
    model.dispose();
  });
}

test('referenceModel: the layers of the torch anchor, and the same seed gives the same weights', () => {
  const a = referenceModel([28, 28, 1], 10, { seed: 5 });
  const b = referenceModel([28, 28, 1], 10, { seed: 5 });
  const c = referenceModel([28, 28, 1], 10, { seed: 6 });
  assert.deepEqual(
    a.layers.map((l) => l.getClassName()),
    ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense'],
  );
  assert.deepEqual(a.outputs[0]!.shape, [null, 10]);
  assert.equal(a.countParams(), 320 + 18496 + 1600 * 128 + 128 + 1290);
  const first = (m: tf.LayersModel) => Array.from(m.getWeights()[0]!.dataSync());
  assert.deepEqual(first(a), first(b));
  assert.notDeepEqual(first(a), first(c));
});

test('smallResnet: a stem and residual blocks with batch norm, global pooling, a dense head; the same seed gives the same weights', () => {
  const a = smallResnet([28, 28, 1], 10, { seed: 5 });
  const b = smallResnet([28, 28, 1], 10, { seed: 5 });
  const c = smallResnet([28, 28, 1], 10, { seed: 6 });
  const kinds = a.layers.map((l) => l.getClassName());
  assert.equal(kinds.filter((k) => k === 'BatchNormalization').length, 7, 'stem, two per block, two shortcuts');
  assert.equal(kinds.filter((k) => k === 'Add').length, 2);
  assert.deepEqual(kinds.slice(-2), ['GlobalAveragePooling2D', 'Dense']);
  assert.deepEqual(a.getLayer('block2_out').outputShape, [null, 7, 7, 64]);
  assert.deepEqual(a.outputs[0]!.shape, [null, 10]);
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(weights(a), weights(b));
  assert.notDeepEqual(weights(a)[0], weights(c)[0]);
  [a, b, c].forEach((m) => m.dispose());
});

test('both models give the same weights for seed 0, the default (TF.js takes a normal initialiser\'s seed 0 for none)', () => {
  for (const build of [referenceModel, smallResnet]) {
    const [a, b] = [build([28, 28, 1], 10, { seed: 0 }), build([28, 28, 1], 10, { seed: 0 })];
    assert.deepEqual(a.getWeights().map((w) => Array.from(w.dataSync())), b.getWeights().map((w) => Array.from(w.dataSync())), a.name);
    [a, b].forEach((m) => m.dispose());
  }
});

test('smallResnet survives saveModel → loadModel: identical predictions, batch-norm statistics included', async () => {
  await selectBackend('wasm');
  const rng = createRng(8);
  const train = quadrants(rng.fork('train'), 128);
  const model = smallResnet([28, 28, 1], 4, { seed: 1 });
  await model.fit(train.x, train.y, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 });
  const movingMean = model.getLayer('stem_bn').getWeights()[2]!;
  assert.ok(Math.max(...Array.from(movingMean.dataSync(), Math.abs)) > 0, 'training moved the moving mean, so the round trip proves something');
  const dir = tempDir();
  await saveModel(model, dir);
  const loaded = await loadModel(dir);
  assert.deepEqual(loaded.layers.map((l) => l.name), model.layers.map((l) => l.name));
  const held = quadrants(rng.fork('test'), 64);
  const before = (model.predict(held.x) as tf.Tensor).dataSync();
  const after = (loaded.predict(held.x) as tf.Tensor).dataSync();
  assert.deepEqual(after, before);
  [model, loaded].forEach((m) => m.dispose());
});
