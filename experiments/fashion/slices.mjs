// Which sampled parameters make a synthetic class look unlike its real class: a (real-trained)
// model's accuracy on one class of a synthetic dataset, sliced by each parameter, worst spread first.
// Usage: node slices.mjs MODEL_RUN SYNTHETIC_DATASET CLASS [top=12]
import path from 'node:path';
import { argmaxRows, parameterSlices } from '../../dist/src/eval/index.js';
import { selectBackend } from '../../dist/src/train/backend.js';
import { loadModel } from '../../dist/src/train/model-files.js';
import { predictProbabilities } from '../../dist/src/train/tensors.js';
import { loadLabelledImages, readSplit } from '../../dist/src/train/training-data.js';
const [run, data, cls, top = '12'] = process.argv.slice(2);
await selectBackend('auto');
const model = await loadModel(path.join(run, 'model'));
const { meta, records } = await readSplit(data, 'train');
const mine = records.filter((r) => r.class === cls);
const images = await loadLabelledImages(data, meta, mine);
const predicted = argmaxRows(await predictProbabilities(model, images.images), meta.classes.length);
const correct = Array.from(predicted, (p, i) => p === images.labels[i]);
const counts = new Map();
for (const p of predicted) counts.set(meta.classes[p], (counts.get(meta.classes[p]) ?? 0) + 1);
console.log(`${cls}: ${mine.length} images, ${(100 * correct.filter(Boolean).length / mine.length).toFixed(0)}% recognised; read as ${[...counts].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
const slices = parameterSlices(mine.map((r) => r.params?.objects?.[0] ?? {}), correct).sort((a, b) => b.spread - a.spread);
for (const s of slices.slice(0, Number(top))) {
  console.log(`${s.parameter.padEnd(40)} ` + s.bins.map((b) => `${b.label}: ${(100 * b.accuracy).toFixed(0)}% (${b.count})`).join('  '));
}
