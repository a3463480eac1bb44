/**
 * How often a model trained on real images disagrees with the label of each source of synthetic
 * renders (a font or a stroke template, per class): a source a real-trained model mostly reads as
 * another class draws that class unlike real writers do, and teaches a synthetic-trained model the
 * wrong boundary. Prints the worst sources; --json FILE writes them all.
 *
 *   node dist/experiments/source-disagreement.js REAL_RUN SYNTHETIC [--json FILE] [--top N]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { argmaxRows } from '../src/eval/classification-metrics.js';
import { loadLabelledImages, loadModel, predictProbabilities, readSplit, selectBackend } from '../src/train/index.js';

const { positionals: [run, synthetic], values } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' }, top: { type: 'string', default: '40' } } });
if (!run || !synthetic) throw new Error('usage: source-disagreement.js REAL_RUN SYNTHETIC [--json FILE] [--top N]');

/** "font:<file stem>" or "template:<name>" for a digits render. */
function sourceOf(params: unknown): string {
  const object = (params as { objects: Record<string, unknown>[] }).objects[0]!;
  if (object.kind === 'glyph') return `font:${String(object.font).split('/').at(-1)!.replace(/-latin-400-normal\.woff$/, '')}`;
  return `template:${(object.handwriting as { template: string }).template}`;
}

await selectBackend('auto');
const model = await loadModel(path.join(run, 'model'));
const { meta, records } = await readSplit(synthetic, 'train');
const set = await loadLabelledImages(synthetic, meta, records);
const predicted = argmaxRows(await predictProbabilities(model, set.images), meta.classes.length);
const sources = new Map<string, { label: string; source: string; n: number; wrong: number; readAs: Record<string, number> }>();
records.forEach((record, i) => {
  const [label, source] = [meta.classes[record.label]!, sourceOf(record.params)];
  const key = `${label} ${source}`;
  const s = sources.get(key) ?? { label, source, n: 0, wrong: 0, readAs: {} };
  s.n++;
  if (predicted[i] !== record.label) {
    s.wrong++;
    const as = meta.classes[predicted[i]!]!;
    s.readAs[as] = (s.readAs[as] ?? 0) + 1;
  }
  sources.set(key, s);
});
const rows = [...sources.values()].map((s) => ({ ...s, rate: s.wrong / s.n })).sort((a, b) => b.rate - a.rate);
const wrong = rows.reduce((sum, s) => sum + s.wrong, 0);
console.log(`the real-trained model reads ${(100 * wrong / records.length).toFixed(1)}% of ${records.length} renders as another class`);
for (const s of rows.filter((r) => r.n >= 10).slice(0, Number(values.top))) {
  const as = Object.entries(s.readAs).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}:${n}`).join(' ');
  console.log(`${(100 * s.rate).toFixed(0).padStart(4)}% of ${String(s.n).padStart(4)}  class ${s.label}  ${s.source}  read as ${as}`);
}
if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 1));
