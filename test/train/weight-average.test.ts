import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/rng.js';
import { selectBackend } from '../../src/train/backend.js';
import { WeightAverage } from '../../src/train/weight-average.js';

function tinyModel(): tf.Sequential {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: 2, kernelInitializer: 'zeros' }),
    tf.layers.dense({ units: 1, kernelInitializer: 'zeros' }),
  ] });
  return model;
}

const setAll = (model: tf.LayersModel, value: number) => model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, value)));
const firstKernel = (model: tf.LayersModel) => Array.from(model.layers[0]!.getWeights()[0]!.dataSync());

describe('WeightAverage', () => {
  // Importing the wasm backend makes it the default; these tests run on cpu unless they ask.
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('holds the moving average of the weights, its decay warming up to the one asked for, and gives the trained weights back', async () => {
    const model = tinyModel();
    const average = new WeightAverage(model, 0.2);
    for (const value of [1, 2, 4]) {
      setAll(model, value);
      average.update();
    }
    // From the initial 0, decays 1/10, 2/11 and then 0.2 (the cap; the warm-up would give 3/12):
    // 0.9, then 0.9 * 2/11 + 2 * 9/11 = 1.8, then 1.8 * 0.2 + 4 * 0.8 = 3.56.
    const seen = await average.withAverage(async () => firstKernel(model));
    for (const v of seen) assert.ok(Math.abs(v - 3.56) < 1e-5, `averaged ${v}, expected 3.56`);
    assert.deepEqual(firstKernel(model), [4, 4, 4, 4], 'the trained weights are back');
    average.dispose();
    model.dispose();
  });

  it('leaves frozen layers out, and restores from its named sums', async () => {
    const model = tinyModel();
    model.layers[0]!.trainable = false;
    const average = new WeightAverage(model, 0.9);
    for (let step = 0; step < 30; step++) {
      setAll(model, 7);
      average.update();
    }
    model.layers[0]!.setWeights(model.layers[0]!.getWeights().map((w) => tf.fill(w.shape, 5)));
    const restored = new WeightAverage(model, 0.9);
    restored.restore(Object.fromEntries(average.named().map((n) => [n.name, n.tensor])), average.steps);
    await restored.withAverage(async () => {
      assert.deepEqual(firstKernel(model), [5, 5, 5, 5], 'a frozen layer keeps its exact weights');
      const last = model.layers[1]!.getWeights()[0]!.dataSync();
      for (const v of last) assert.ok(Math.abs(v - 7) < 0.01, `averaged ${v}, expected 7 (from 0 after 30 steps)`);
    });
    assert.throws(() => restored.restore({}, 1), /does not fit the model/);
    average.dispose();
    restored.dispose();
    model.dispose();
  });
  it('on wasm, takes one fused pass per weight with the bits of TF.js\'s mul, mul and add', async () => {
    await selectBackend('wasm');
    try {
      // 2×3 and 3×1 kernels, 3 and 1 biases: SIMD blocks of 4 and tails.
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3 }), tf.layers.dense({ units: 1 })] });
      const average = new WeightAverage(model, 0.995);
      const rng = createRng(3);
      const special = [-0, Infinity, -Infinity, NaN, 1e-40, -3.4e38];
      const bits = (t: tf.Tensor) => Array.from(new Uint32Array(Float32Array.from(t.dataSync()).buffer));
      for (let step = 0; step < 12; step++) {
        model.setWeights(model.getWeights().map((w, k) => tf.tensor(
          Array.from({ length: w.size }, (_, i) => (step === 5 && i === 0 ? special[k % special.length]! : rng.float(-2, 2))), w.shape,
        )));
        const decay = Math.min(0.995, (1 + step) / (10 + step));
        const expected = average.named().map(({ tensor }, k) => tf.tidy(() => tensor.mul(decay).add(model.getWeights()[k]!.mul(1 - decay))));
        const profile = await tf.profile(() => average.update());
        assert.ok(profile.kernels.some((kernel) => kernel.name === 'SynthAverageStep'), 'the fused kernel ran');
        average.named().forEach(({ tensor }, k) => assert.deepEqual(bits(tensor), bits(expected[k]!), `step ${step}, weight ${k}`));
        tf.dispose(expected);
      }
      average.dispose();
      model.dispose();
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
