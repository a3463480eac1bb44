// Per-class framing and tone statistics of a dataset, to compare synthetic with real images:
// bounding-box width and height (px), fill (object pixels / box area), mean and spread of the
// object's grey, interior contrast (mean |horizontal gradient| inside the object), and "gaps"
// (background pixels enclosed left and right by object pixels on the same row: sleeves apart from the body).
// Usage: node stats.mjs DATASET [n per class] [split]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [dir, nArg = '300', split = 'train'] = process.argv.slice(2);
const n = Number(nArg);
const records = readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  .filter((r) => (r.split ?? 'train') === split);
const byClass = new Map();
for (const r of records) {
  const list = byClass.get(r.class) ?? [];
  if (list.length < n) list.push(r);
  byClass.set(r.class, list);
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cols = ['w', 'h', 'fill', 'grey', 'greySd', 'interior', 'gaps'];
console.log('class'.padEnd(11) + cols.map((c) => c.padStart(9)).join(''));
for (const [cls, list] of [...byClass].sort()) {
  const acc = Object.fromEntries(cols.map((c) => [c, []]));
  for (const r of list) {
    const img = PNG.sync.read(readFileSync(path.join(dir, r.file)));
    const ch = img.data.length / (img.width * img.height);
    const v = (x, y) => img.data[(y * 28 + x) * ch];
    let x0 = 28, x1 = -1, y0 = 28, y1 = -1, on = 0, sum = 0, sq = 0, grad = 0, gradN = 0, gaps = 0;
    for (let y = 0; y < 28; y++) {
      let first = -1, last = -1;
      for (let x = 0; x < 28; x++) {
        const g = v(x, y);
        if (g <= 20) continue;
        if (first < 0) first = x;
        last = x;
        on++; sum += g; sq += g * g;
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
        if (x > 0 && v(x - 1, y) > 20) { grad += Math.abs(g - v(x - 1, y)); gradN++; }
      }
      for (let x = first + 1; x < last; x++) if (v(x, y) <= 20) gaps++;
    }
    const mean = sum / Math.max(on, 1);
    acc.w.push(x1 - x0 + 1); acc.h.push(y1 - y0 + 1);
    acc.fill.push(on / Math.max(1, (x1 - x0 + 1) * (y1 - y0 + 1)));
    acc.grey.push(mean); acc.greySd.push(Math.sqrt(Math.max(0, sq / Math.max(on, 1) - mean * mean)));
    acc.interior.push(grad / Math.max(gradN, 1)); acc.gaps.push(gaps);
  }
  console.log(cls.padEnd(11) + cols.map((c) => median(acc[c]).toFixed(c === 'fill' ? 2 : 0).padStart(9)).join(''));
}
