import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/train/backend.js';
import { FusedAdam } from '../../src/train/fused-adam.js';
import { compileForTraining, referenceModel } from '../../src/train/models.js';
import { createRng } from '../../src/rng.js';

before(async () => {
  assert.equal((await selectBackend('wasm')).name, 'wasm');
});

function batch(seed: number): [tf.Tensor4D, tf.Tensor2D] {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: 16 * 28 * 28 }, () => rng.float(0, 1));
  const labels = Array.from({ length: 16 }, () => rng.int(0, 9));
  return [tf.tensor4d(x, [16, 28, 28, 1]), tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D];
}

/** The model's weights and the optimizer's state after `steps` batches, as raw bits. */
async function train(optimizer: tf.AdamOptimizer, steps: number, rates: readonly number[]): Promise<{ weights: Uint32Array[]; state: Uint32Array[] }> {
  const model = referenceModel([28, 28, 1], 10, { seed: 3 });
  compileForTraining(model, optimizer);
  for (let step = 0; step < steps; step++) {
    (optimizer as unknown as { learningRate: number }).learningRate = rates[step % rates.length]!;
    const [x, y] = batch(step);
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }
  const bits = (t: tf.Tensor) => new Uint32Array((t.dataSync() as Float32Array).slice().buffer);
  const weights = model.getWeights().map(bits);
  const saved = await optimizer.getWeights();
  const state = saved.map((w) => bits(w.tensor));
  model.dispose();
  return { weights, state };
}

describe('FusedAdam', () => {
  it('makes the same weights and moments as tf.train.adam, bit for bit, also when the learning rate changes', async () => {
    const rates = [1e-3, 3e-4, 2e-3];
    const reference = await train(tf.train.adam(1e-3), 12, rates);
    const fused = await train(new FusedAdam(1e-3), 12, rates);
    assert.equal(fused.weights.length, reference.weights.length);
    fused.weights.forEach((w, k) => assert.deepEqual(w, reference.weights[k], `weight ${k}`));
    assert.equal(fused.state.length, reference.state.length);
    fused.state.forEach((s, k) => assert.deepEqual(s, reference.state[k], `optimizer state ${k}`));
  });

  it('runs one kernel per weight on wasm instead of the element-wise ones', async () => {
    const model = referenceModel([28, 28, 1], 10, { seed: 3 });
    compileForTraining(model, new FusedAdam(1e-3));
    const [x, y] = batch(0);
    const kernels = (await tf.profile(async () => { await model.trainOnBatch(x, y); })).kernels.map((k) => k.name);
    tf.dispose([x, y]);
    model.dispose();
    assert.equal(kernels.filter((k) => k === 'SynthAdamUpdate').length, 8, 'one per weight of the reference model');
    assert.ok(!kernels.includes('Sqrt'), 'no Sqrt: Adam\'s element-wise kernels did not run');
  });
});
