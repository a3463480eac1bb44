// Where two datasets' silhouettes differ, class by class: the mean object mask (pixels brighter than 20)
// of each, side by side, and their difference (red: more often object in A, blue: more often in B),
// scaled up; and per class a row profile (mean object width in px on every 4th row).
// Usage: node mean-silhouette.mjs A[:split] B[:split] OUT.png [classes=t-shirt,pullover,coat,shirt,dress] [n=1000]
// Environment: GREY=1 averages grey levels instead of masks (the row profile then sums grey / 255); SCALE=k (default 4).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [a, b, out, classArg = 't-shirt,pullover,coat,shirt,dress', nArg = '1000'] = process.argv.slice(2);
const grey = process.env.GREY === '1';
const classes = classArg.split(','), n = Number(nArg), scale = Number(process.env.SCALE ?? 4), cell = 28 * scale;

function meanMask(spec, cls) {
  const [dir, split = 'train'] = spec.split(':');
  const recs = readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    .filter((r) => (r.split ?? 'train') === split && r.class === cls).slice(0, n);
  const mean = new Float64Array(784);
  for (const r of recs) {
    const img = PNG.sync.read(readFileSync(path.join(dir, r.file)));
    for (let i = 0; i < 784; i++) mean[i] += (grey ? img.data[i * 4] / 255 : img.data[i * 4] > 20 ? 1 : 0) / recs.length;
  }
  return mean;
}

const W = 3 * cell + 2 * 8, H = classes.length * (cell + 8);
const sheet = new PNG({ width: W, height: H });
sheet.data.fill(255);
const paint = (col, row, rgb) => {
  const ox = col * (cell + 8), oy = row * (cell + 8);
  for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) {
    const [r, g, bl] = rgb(Math.floor(y / scale) * 28 + Math.floor(x / scale));
    const o = ((oy + y) * W + ox + x) * 4;
    sheet.data[o] = r; sheet.data[o + 1] = g; sheet.data[o + 2] = bl; sheet.data[o + 3] = 255;
  }
};
const widths = (m) => Array.from({ length: 7 }, (_, k) => { let s = 0; for (let x = 0; x < 28; x++) s += m[(4 * k + 1) * 28 + x]; return s; });
for (const [row, cls] of classes.entries()) {
  const ma = meanMask(a, cls), mb = meanMask(b, cls);
  paint(0, row, (i) => Array(3).fill(Math.round(255 * ma[i])));
  paint(1, row, (i) => Array(3).fill(Math.round(255 * mb[i])));
  paint(2, row, (i) => {
    const d = ma[i] - mb[i];
    return d > 0 ? [255, Math.round(255 * (1 - d)), Math.round(255 * (1 - d))] : [Math.round(255 * (1 + d)), Math.round(255 * (1 + d)), 255];
  });
  const wa = widths(ma), wb = widths(mb);
  console.log(`${cls.padEnd(9)} width on rows 1,5,…,25  A ${wa.map((w) => w.toFixed(1).padStart(5)).join('')}   B ${wb.map((w) => w.toFixed(1).padStart(5)).join('')}`);
}
writeFileSync(out, PNG.sync.write(sheet));
