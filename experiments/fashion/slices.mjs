// Which sampled parameters make a synthetic class look unlike its real class: a (real-trained)
// model's accuracy on one class of a synthetic dataset, sliced by each parameter (the gap report's
// classSlices, on any model and any number of images). Usage: node slices.mjs MODEL_RUN SYNTHETIC_DATASET CLASS [top=12]
import path from 'node:path';
import { argmaxRows, classSlices } from '../../dist/src/eval/index.js';
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
const [result] = classSlices(mine.map((r) => r.params?.objects?.[0] ?? {}), images.labels, predicted, meta.classes, Number(top))
  .filter((c) => c.class === cls);
const readAs = [{ class: cls, count: Math.round(result.recognised * result.images) }, ...result.readAs];
console.log(`${cls}: ${result.images} images, ${(100 * result.recognised).toFixed(0)}% recognised; read as ${readAs.map((r) => `${r.class} ${r.count}`).join(', ')}`);
for (const s of result.slices) {
  console.log(`${s.parameter.padEnd(40)} ` + s.bins.map((b) => `${b.label}: ${(100 * b.accuracy).toFixed(0)}% (${b.count})`).join('  '));
}
