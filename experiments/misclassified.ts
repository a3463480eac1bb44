/**
 * A contact sheet of the real test images a model gets wrong, sorted by (true, predicted), each
 * captioned "t>p", and a count of the most frequent confusions.
 *
 *   node dist/experiments/misclassified.js RUN /tmp/hw/mnist sheet.png
 */
import path from 'node:path';
import { argmaxRows } from '../src/eval/classification-metrics.js';
import { loadLabelledImages, loadModel, predictProbabilities, readSplit, selectBackend } from '../src/train/index.js';
import { writeContactSheet } from './contact-sheet.js';

const [run, data, sheet] = process.argv.slice(2);
if (!run || !data || !sheet) throw new Error('usage: misclassified.js RUN DATA SHEET.png');
await selectBackend('auto');
const model = await loadModel(path.join(run, 'model'));
const { meta, records } = await readSplit(data, 'test');
const set = await loadLabelledImages(data, meta, records);
const predicted = argmaxRows(await predictProbabilities(model, set.images), meta.classes.length);
const per = set.images.height * set.images.width;
const wrong: { t: number; p: number; pixels: Uint8Array }[] = [];
for (let i = 0; i < set.labels.length; i++) {
  if (predicted[i] !== set.labels[i]) wrong.push({ t: set.labels[i]!, p: predicted[i]!, pixels: set.images.pixels.subarray(i * per, (i + 1) * per) });
}
wrong.sort((a, b) => a.t - b.t || a.p - b.p);
writeContactSheet(sheet, wrong.map((w) => ({ pixels: w.pixels, caption: `${w.t}>${w.p}` })), { columns: 20 });
const pairs = new Map<string, number>();
for (const w of wrong) pairs.set(`${w.t}>${w.p}`, (pairs.get(`${w.t}>${w.p}`) ?? 0) + 1);
console.log(`${wrong.length} wrong of ${set.labels.length}; top confusions (true>predicted):`,
  [...pairs].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `${k} ${n}`).join(', '));
