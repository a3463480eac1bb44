import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/train/backend.js';
import { referenceModel } from '../../src/train/models.js';
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

test('the reference model learns a trivially learnable task on wasm, well above chance', async () => {
  const selected = await selectBackend('wasm');
  assert.equal(selected.name, 'wasm');
  const rng = createRng(7);
  const train = quadrants(rng.fork('train'), 512);
  const held = quadrants(rng.fork('test'), 256);
  const model = referenceModel([28, 28, 1], 4, { seed: 3 });
  const started = performance.now();
  const history = await model.fit(train.x, train.y, { epochs: 3, batchSize: 64, shuffle: false, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  const losses = history.history['loss'] as number[];
  assert.ok(losses.at(-1)! < losses[0]!, `loss should fall: ${losses.join(', ')}`);
  const predicted = await (model.predict(held.x) as tf.Tensor2D).argMax(1).data();
  const accuracy = held.labels.filter((label, i) => predicted[i] === label).length / held.labels.length;
  assert.ok(accuracy > 0.9, `held-out accuracy ${accuracy} (chance 0.25)`);
  assert.ok(seconds < 20, `training took ${seconds.toFixed(1)} s`);
});

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
