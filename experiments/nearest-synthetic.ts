/**
 * For each real test image a model gets wrong, the synthetic training images nearest to it in the
 * model's penultimate layer: which renders (label, font or stroke template; for products the kind's
 * discrete options and the texture) pull it to the wrong class. Each line gives how many nearest
 * neighbours of the predicted class carry a tag, their share of those neighbours, and the tag's share
 * of all renders of that class: a share well above the base rate names the renders to fix.
 *
 *   node dist/experiments/nearest-synthetic.js RUN SYNTHETIC REAL sheet.png [true>pred …]
 */
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { argmaxRows } from '../src/eval/classification-metrics.js';
import type { ImageBatch } from '../src/dataset/index.js';
import { loadLabelledImages, loadModel, predictProbabilities, readSplit, selectBackend } from '../src/train/index.js';
import { imagesTensor } from '../src/train/tensors.js';
import { writeContactSheet } from './contact-sheet.js';

const [run, synthetic, real, sheet, ...only] = process.argv.slice(2);
if (!run || !synthetic || !real || !sheet) throw new Error('usage: nearest-synthetic.js RUN SYNTHETIC REAL SHEET.png [t>p …]');
const K = 9;
await selectBackend('auto');
const model = await loadModel(path.join(run, 'model'));
const embed = tf.model({ inputs: model.inputs, outputs: model.layers.at(-2)!.output as tf.SymbolicTensor });

async function features(images: ImageBatch): Promise<{ data: Float32Array; dim: number }> {
  const dim = (embed.outputs[0]!.shape.at(-1) ?? 0) as number;
  const data = new Float32Array(images.count * dim);
  for (let start = 0; start < images.count; start += 256) {
    const indices = Array.from({ length: Math.min(256, images.count - start) }, (_, i) => start + i);
    const x = imagesTensor(images, indices);
    const y = embed.predict(x) as tf.Tensor;
    data.set(await y.data() as Float32Array, start * dim);
    tf.dispose([x, y]);
  }
  for (let i = 0; i < images.count; i++) {
    const row = data.subarray(i * dim, (i + 1) * dim);
    const norm = Math.hypot(...row) || 1;
    for (let j = 0; j < dim; j++) row[j]! /= norm;
  }
  return { data, dim };
}

/** Tags of one render: its font or stroke template, or a product's discrete options and texture. */
function describe(params: unknown): string[] {
  const object = (params as { objects?: Record<string, unknown>[] }).objects?.[0] ?? {};
  if (object.kind === 'glyph') return [`font:${String(object.font).split('/').at(-1)!.replace(/-latin-400-normal\.woff$/, '')}`];
  if (object.kind === 'product') {
    const product = object.product as Record<string, unknown>;
    const options = Object.entries(product)
      .filter(([key, value]) => key !== 'product' && (typeof value === 'string' || Number.isInteger(value)))
      .map(([key, value]) => `${key}:${String(value)}`);
    const texture = (object.material as { texture?: { type: string; mark?: string } } | undefined)?.texture;
    const textureTag = texture ? `texture:${texture.type}${texture.mark ? `/${texture.mark}` : ''}` : 'texture:none';
    return [...options, textureTag];
  }
  const hw = object.handwriting as { template?: string } | undefined;
  return [`strokes:${hw?.template ?? object.template ?? object.kind}`];
}

const realSplit = await readSplit(real, 'test');
const realSet = await loadLabelledImages(real, realSplit.meta, realSplit.records);
const synSplit = await readSplit(synthetic, 'train');
const synSet = await loadLabelledImages(synthetic, synSplit.meta, synSplit.records);
const predicted = argmaxRows(await predictProbabilities(model, realSet.images), realSplit.meta.classes.length);
const realF = await features(realSet.images);
const synF = await features(synSet.images);
const per = 28 * 28;
const tiles: { pixels: Uint8Array; caption?: string }[] = [];
const blame = new Map<string, number>();
const blamedOf = new Map<string, number>();
const tagsOf = synSet.records.map((record) => describe(record.params));
const classCount = new Map<number, number>();
const tagCount = new Map<string, number>();
synSet.labels.forEach((label, j) => {
  classCount.set(label, (classCount.get(label) ?? 0) + 1);
  for (const tag of tagsOf[j]!) tagCount.set(`${label} ${tag}`, (tagCount.get(`${label} ${tag}`) ?? 0) + 1);
});
for (let i = 0; i < realSet.labels.length; i++) {
  const t = realSet.labels[i]!, p = predicted[i]!;
  if (t === p || (only.length > 0 && !only.includes(`${t}>${p}`))) continue;
  const q = realF.data.subarray(i * realF.dim, (i + 1) * realF.dim);
  const best: { j: number; s: number }[] = [];
  for (let j = 0; j < synSet.labels.length; j++) {
    let s = 0;
    for (let d = 0; d < realF.dim; d++) s += q[d]! * synF.data[j * synF.dim + d]!;
    if (best.length < K || s > best.at(-1)!.s) {
      best.push({ j, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > K) best.pop();
    }
  }
  tiles.push({ pixels: realSet.images.pixels.subarray(i * per, (i + 1) * per), caption: `${t}>${p}` });
  for (const { j } of best) {
    const label = synSet.labels[j]!;
    tiles.push({ pixels: synSet.images.pixels.subarray(j * per, (j + 1) * per), caption: String(label) });
    if (label === p) {
      blamedOf.set(`${t}>${p}`, (blamedOf.get(`${t}>${p}`) ?? 0) + 1);
      for (const tag of tagsOf[j]!) blame.set(`${t}>${p} ${tag}`, (blame.get(`${t}>${p} ${tag}`) ?? 0) + 1);
    }
  }
}
writeContactSheet(sheet, tiles, { columns: K + 1 });
const percent = (x: number) => `${Math.round(100 * x)}%`;
console.log('n\tshare\tbase\ttrue>pred tag');
console.log([...blame].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([key, n]) => {
  const [pair, tag] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
  const p = Number(pair.split('>')[1]);
  return `${n}\t${percent(n / blamedOf.get(pair)!)}\t${percent((tagCount.get(`${p} ${tag}`) ?? 0) / classCount.get(p)!)}\t${key}`;
}).join('\n'));
