/**
 * A stratified, seeded fraction of a real dataset's training split as its own dataset folder (all
 * images in `train`), for "synthetic + 1% real" runs with the plain CLI.
 *
 *   node dist/experiments/real-subset.js /tmp/hw/mnist 0.01 /tmp/hw/mnist-1pct [seed]
 */
import { DatasetBuilder, readDatasetMeta } from '../src/dataset/index.js';
import { createRng } from '../src/rng.js';
import { loadGrey } from './load-dataset.js';

const [dir, fractionText, out, seedText] = process.argv.slice(2);
if (!dir || !fractionText || !out) throw new Error('usage: real-subset.js DATASET FRACTION OUT [SEED]');
const fraction = Number(fractionText);
const meta = (await readDatasetMeta(dir))!;
const set = await loadGrey(dir, 'train');
const rng = createRng(Number(seedText ?? 0));
const builder = await DatasetBuilder.create({
  out, kind: 'real', name: `${meta.name}-${fractionText}`, classes: meta.classes, force: true,
  image: { width: set.width, height: set.height, channels: 1 },
  extra: { source: { dataset: dir, fraction, seed: Number(seedText ?? 0), stratified: 'per class, shuffled' } },
});
for (let c = 0; c < meta.classes.length; c++) {
  const members = [...set.labels.keys()].filter((i) => set.labels[i] === c);
  const keys = members.map((i) => rng.fork(c).fork(i).float());
  const order = members.map((i, k) => [keys[k]!, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  for (const i of order.slice(0, Math.max(1, Math.round(members.length * fraction)))) {
    await builder.add({ pixels: Buffer.from(set.pixels.subarray(i * 784, (i + 1) * 784)), label: c, split: 'train', extra: { source: { id: set.ids[i] } } });
  }
}
await builder.commit();
console.log(`${out}: ${builder.count} images`);
