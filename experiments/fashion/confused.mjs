// A contact sheet of one confusion: up to 24 images of class TRUE that a model reads as PRED, then up to
// 16 it gets right (to compare). Usage: node confused.mjs RUN DATASET TRUE PRED OUT.png [split=test]
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
const D = '../../dist/src';
const { argmaxRows } = await import(`${D}/eval/index.js`);
const { selectBackend } = await import(`${D}/train/backend.js`);
const { loadModel } = await import(`${D}/train/model-files.js`);
const { predictProbabilities } = await import(`${D}/train/tensors.js`);
const { loadLabelledImages, readSplit } = await import(`${D}/train/training-data.js`);
const [run, data, t, p, out, splitArg = 'test'] = process.argv.slice(2);
await selectBackend('auto');
const model = await loadModel(path.join(run, 'model'));
const { meta, records } = await readSplit(data, splitArg);
const mine = records.filter((r) => r.class === t);
const images = await loadLabelledImages(data, meta, mine);
const pred = argmaxRows(await predictProbabilities(model, images.images), meta.classes.length);
const arr = images.images.pixels;
const pi = meta.classes.indexOf(p);
const pick = [], ok = [];
for (let i = 0; i < mine.length; i++) (pred[i] === pi ? pick : pred[i] === meta.classes.indexOf(t) ? ok : []).push(i);
console.log(`${t}: ${mine.length}, →${p} ${pick.length}, correct ${ok.length}`);
const show = [...pick.slice(0, 24), ...ok.slice(0, 16)];
const cols = 8, s = 3, rows = Math.ceil(show.length / cols);
const png = new PNG({ width: cols * 28 * s, height: rows * 28 * s });
show.forEach((idx, k) => {
  for (let y = 0; y < 28 * s; y++) for (let x = 0; x < 28 * s; x++) {
    const v = Math.round(arr[idx * 784 + Math.floor(y / s) * 28 + Math.floor(x / s)]);
    const o = (((Math.floor(k / cols) * 28 * s + y) * cols * 28 * s) + (k % cols) * 28 * s + x) * 4;
    png.data[o] = png.data[o + 1] = png.data[o + 2] = v; png.data[o + 3] = 255;
  }
});
writeFileSync(out, PNG.sync.write(png));
