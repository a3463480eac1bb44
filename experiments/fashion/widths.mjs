// Percentiles of the box width and height (pixels brighter than 20) of one class's images.
// Usage: node widths.mjs DATASET CLASS [n=300] [split=train]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [dir, cls, n = '300', split = 'train'] = process.argv.slice(2);
const recs = readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => (r.split ?? 'train') === split && r.class === cls).slice(0, Number(n));
const ws = [], hs = [];
for (const r of recs) {
  const img = PNG.sync.read(readFileSync(path.join(dir, r.file)));
  const ch = img.data.length / (img.width * img.height);
  let x0 = 99, x1 = -1, y0 = 99, y1 = -1;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (img.data[(y * img.width + x) * ch] > 20) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  ws.push(x1 - x0 + 1); hs.push(y1 - y0 + 1);
}
const q = (a, p) => a.slice().sort((x, y) => x - y)[Math.floor(p * (a.length - 1))];
console.log(`${cls.padEnd(9)} width p10/p25/p50/p75/p90 ${[0.1, 0.25, 0.5, 0.75, 0.9].map((p) => q(ws, p)).join('/')}  height ${[0.1, 0.25, 0.5, 0.75, 0.9].map((p) => q(hs, p)).join('/')}`);
