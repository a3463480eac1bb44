/**
 * Accuracy of models on the straight line between two runs' weights (a base and its fine-tune,
 * "WiSE-FT"): does a fine-tune on a handful of real images keep more of what the base knew when
 * it is pulled part of the way back?
 *
 *   node dist/experiments/interpolate-weights.js BASE_RUN TUNED_RUN DATA [--split test] [--alphas 0,0.25,0.5,0.75,1]
 *
 * alpha 0 is the base, 1 the fine-tune.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { argmaxRows } from '../src/eval/classification-metrics.js';
import { loadLabelledImages, loadModel, predictProbabilities, readSplit, selectBackend } from '../src/train/index.js';

const { positionals: [baseRun, tunedRun, data], values } = parseArgs({
  allowPositionals: true,
  options: { split: { type: 'string', default: 'test' }, alphas: { type: 'string', default: '0,0.25,0.5,0.6,0.7,0.8,0.9,1' } },
});
if (!baseRun || !tunedRun || !data) throw new Error('usage: interpolate-weights.js BASE_RUN TUNED_RUN DATA [--split test] [--alphas …]');

await selectBackend('auto');
const base = await loadModel(path.join(baseRun, 'model'));
const tuned = await loadModel(path.join(tunedRun, 'model'));
const { meta, records } = await readSplit(data, values.split as 'test');
const set = await loadLabelledImages(data, meta, records);
// getWeights returns the variables themselves: copy them before overwriting.
const [from, to] = [base.getWeights().map((w) => w.clone()), tuned.getWeights().map((w) => w.clone())];
for (const alpha of values.alphas.split(',').map(Number)) {
  const mixed = from.map((w, i) => tf.tidy(() => w.mul(1 - alpha).add(to[i]!.mul(alpha))));
  tuned.setWeights(mixed);
  tf.dispose(mixed);
  const predicted = argmaxRows(await predictProbabilities(tuned, set.images), meta.classes.length);
  const correct = predicted.reduce((s, p, i) => s + (p === set.labels[i] ? 1 : 0), 0);
  console.log(`alpha ${alpha.toFixed(2)}  accuracy ${(100 * correct / set.labels.length).toFixed(2)}%  (${correct}/${set.labels.length})`);
}
