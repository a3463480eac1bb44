// Keeps the renders a model reads as their own class: a dataset folder with the training images of
// SOURCE whose true class gets probability ≥ MIN from RUN's model (images symlinked), for screening
// "filter the renders by a model trained on the few real images". Prints what it kept per class.
// Usage: node filter-by-model.mjs RUN SOURCE OUT [min=0.5]
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const D = '../../dist/src';
const { selectBackend } = await import(`${D}/train/backend.js`);
const { loadModel } = await import(`${D}/train/model-files.js`);
const { predictProbabilities } = await import(`${D}/train/tensors.js`);
const { loadLabelledImages, readSplit } = await import(`${D}/train/training-data.js`);
const [run, src, out, minArg = '0.5'] = process.argv.slice(2);
const min = Number(minArg);
await selectBackend('auto');
const model = await loadModel(path.join(run, 'model'));
const { meta, records } = await readSplit(src, 'train');
const k = meta.classes.length;
const keep = new Set();
for (let at = 0; at < records.length; at += 2000) {
  const chunk = records.slice(at, at + 2000);
  const probs = await predictProbabilities(model, (await loadLabelledImages(src, meta, chunk)).images);
  chunk.forEach((r, i) => { if (probs[i * k + r.label] >= min) keep.add(r.id); });
}
const all = readFileSync(path.join(src, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const kept = all.filter((r) => keep.has(r.id));
mkdirSync(out, { recursive: true });
symlinkSync(path.resolve(src, 'images'), path.join(out, 'images'));
writeFileSync(path.join(out, 'manifest.jsonl'), kept.map((r) => JSON.stringify(r)).join('\n') + '\n');
writeFileSync(path.join(out, 'dataset.json'), JSON.stringify({ ...meta, name: `${meta.name}-kept`, count: kept.length }, null, 2));
const per = meta.classes.map((c, i) => `${c} ${kept.filter((r) => r.label === i).length}/${all.filter((r) => r.label === i).length}`);
console.log(`${out}: kept ${kept.length} of ${all.length} (p ≥ ${min}): ${per.join(', ')}`);
