/**
 * Self-training screen: a teacher run labels a real dataset's training images as if they had no
 * labels, and the confident ones become a dataset folder to train a student on beside the few
 * labelled images. The true labels are read only to report how right the pseudo-labels are.
 *
 *   node dist/experiments/pseudo-label.js TEACHER_RUN[,RUN…] REAL_DATA OUT [--threshold 0.9] [--per-class N]
 *
 * Several teacher runs average their probabilities (an ensemble).
 * --per-class keeps at most the N most confident images of each predicted class (class balance:
 * a teacher that under-predicts a class would otherwise teach the student to do so more).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DatasetBuilder } from '../src/dataset/index.js';
import { argmaxRows } from '../src/eval/classification-metrics.js';
import { loadLabelledImages, loadModel, predictProbabilities, readSplit, selectBackend } from '../src/train/index.js';

const { positionals: [teacherRun, data, out], values } = parseArgs({
  allowPositionals: true,
  options: { threshold: { type: 'string', default: '0.9' }, 'per-class': { type: 'string' } },
});
if (!teacherRun || !data || !out) throw new Error('usage: pseudo-label.js TEACHER_RUN REAL_DATA OUT [--threshold 0.9] [--per-class N]');
const threshold = Number(values.threshold);
const perClass = values['per-class'] === undefined ? Infinity : Number(values['per-class']);

await selectBackend('auto');
const { meta, records } = await readSplit(data, 'train');
const set = await loadLabelledImages(data, meta, records);
const k = meta.classes.length;
const runs = teacherRun.split(',');
const probabilities = new Float32Array(set.labels.length * k);
for (const run of runs) {
  const p = await predictProbabilities(await loadModel(path.join(run, 'model')), set.images);
  for (let j = 0; j < p.length; j++) probabilities[j]! += p[j]! / runs.length;
}
const predicted = argmaxRows(probabilities, k);
const candidates: { i: number; label: number; p: number }[] = [];
for (let i = 0; i < set.labels.length; i++) {
  const best = predicted[i]!;
  if (probabilities[i * k + best]! >= threshold) candidates.push({ i, label: best, p: probabilities[i * k + best]! });
}
const kept = meta.classes.flatMap((_, c) => candidates.filter((x) => x.label === c).sort((a, b) => b.p - a.p).slice(0, perClass))
  .sort((a, b) => a.i - b.i);

const { width, height, channels } = set.images;
const size = width * height * channels;
const builder = await DatasetBuilder.create({
  out, kind: 'real', name: `${meta.name}-pseudo`, classes: meta.classes, force: true, image: { width, height, channels },
  extra: { source: { dataset: path.resolve(data), teachers: runs.map((r) => path.resolve(r)), threshold, perClass: Number.isFinite(perClass) ? perClass : null } },
});
for (const { i, label } of kept) {
  await builder.add({ pixels: Buffer.from(set.images.pixels.subarray(i * size, (i + 1) * size)), label, split: 'train', extra: { source: { id: records[i]!.id } } });
}
await builder.commit();

const right = kept.filter((x) => x.label === set.labels[x.i]).length;
const allRight = candidates.length === 0 ? 0 : candidates.filter((x) => x.label === set.labels[x.i]).length / candidates.length;
console.log(`${out}: kept ${kept.length} of ${set.labels.length} images (${candidates.length} at p >= ${threshold}, ${(100 * allRight).toFixed(2)}% right); kept ${(100 * right / Math.max(1, kept.length)).toFixed(2)}% right`);
console.log(meta.classes.map((c, ci) => {
  const mine = kept.filter((x) => x.label === ci);
  return `${c} ${mine.length} (${(100 * mine.filter((x) => set.labels[x.i] === ci).length / Math.max(1, mine.length)).toFixed(1)}%)`;
}).join(', '));
