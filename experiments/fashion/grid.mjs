// Contact sheet of one class (or all) from a dataset, scaled up, plus grey-level statistics per class.
// Usage: node grid.mjs DATASET OUT.png [class] [n] [split]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [dir, out, cls, nArg = '64', split = 'train'] = process.argv.slice(2);
const n = Number(nArg), scale = 3, cols = 8;
const records = readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  .filter((r) => (r.split ?? 'train') === split && (!cls || r.class === cls));
const pick = records.slice(0, n);
const rows = Math.ceil(pick.length / cols), W = cols * 28 * scale, H = rows * 28 * scale;
const sheet = new PNG({ width: W, height: H });
const stats = new Map();
for (const [k, r] of pick.entries()) {
  const img = PNG.sync.read(readFileSync(path.join(dir, r.file)));
  const ch = img.data.length / (img.width * img.height);
  const ox = (k % cols) * 28 * scale, oy = Math.floor(k / cols) * 28 * scale;
  for (let y = 0; y < 28 * scale; y++) for (let x = 0; x < 28 * scale; x++) {
    const v = img.data[(Math.floor(y / scale) * 28 + Math.floor(x / scale)) * 4];
    const o = ((oy + y) * W + ox + x) * 4;
    sheet.data[o] = sheet.data[o + 1] = sheet.data[o + 2] = v; sheet.data[o + 3] = 255;
  }
}
for (const r of records.slice(0, 2000)) {
  const img = PNG.sync.read(readFileSync(path.join(dir, r.file)));
  let fg = 0, sum = 0;
  for (let i = 0; i < 784; i++) { const v = img.data[i * 4]; if (v > 10) { fg++; sum += v; } }
  const s = stats.get(r.class) ?? { n: 0, fg: 0, mean: 0 };
  s.n++; s.fg += fg; s.mean += fg ? sum / fg : 0; stats.set(r.class, s);
}
writeFileSync(out, PNG.sync.write(sheet));
for (const [c, s] of [...stats].sort()) console.log(`${c.padEnd(11)} object pixels ${(s.fg / s.n).toFixed(0).padStart(4)}  mean grey of object ${(s.mean / s.n).toFixed(0)}`);
