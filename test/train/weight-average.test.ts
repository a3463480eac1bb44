import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
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
});
