// Experiment: a copy of a 28×28 grey dataset with every image unsharp-masked (Gaussian σ, amount),
// as Fashion-MNIST's own pipeline sharpened its downscaled photos. Background (0) stays black.
// Usage: node sharpen.mjs SOURCE OUT [amount=1] [sigma=1]
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [src, out, amountArg = '1', sigmaArg = '1'] = process.argv.slice(2);
const amount = Number(amountArg), sigma = Number(sigmaArg);
const r = Math.ceil(3 * sigma);
const w = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
const wsum = w.reduce((a, b) => a + b);
const blur1d = (v, n, horizontal) => {
  const o = new Float32Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let s = 0;
    for (let k = -r; k <= r; k++) {
      const xx = horizontal ? Math.min(n - 1, Math.max(0, x + k)) : x, yy = horizontal ? y : Math.min(n - 1, Math.max(0, y + k));
      s += w[k + r] * v[yy * n + xx];
    }
    o[y * n + x] = s / wsum;
  }
  return o;
};
mkdirSync(out, { recursive: true });
cpSync(path.join(src, 'dataset.json'), path.join(out, 'dataset.json'));
cpSync(path.join(src, 'manifest.jsonl'), path.join(out, 'manifest.jsonl'));
const records = readFileSync(path.join(src, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
for (const rec of records) {
  const img = PNG.sync.read(readFileSync(path.join(src, rec.file)));
  const n = img.width, ch = img.data.length / (n * n);
  const v = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) v[i] = img.data[i * ch];
  const b = blur1d(blur1d(v, n, true), n, false);
  for (let i = 0; i < n * n; i++) {
    const s = v[i] === 0 ? 0 : Math.round(Math.min(255, Math.max(1, v[i] + amount * (v[i] - b[i]))));
    for (let c = 0; c < Math.min(ch, 3); c++) img.data[i * ch + c] = s;
  }
  mkdirSync(path.dirname(path.join(out, rec.file)), { recursive: true });
  writeFileSync(path.join(out, rec.file), PNG.sync.write(img));
}
console.log(`${out}: ${records.length} images sharpened (amount ${amount}, σ ${sigma})`);
