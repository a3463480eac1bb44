// A synthetic-vs-real sheet: one row per class, N synthetic images on the left, N real on the right,
// scaled up, with a gap between the halves. Usage: node compare-grid.mjs SYNTHETIC REAL OUT.png [n=6] [scale=2]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [synthetic, real, out, nArg = '6', scaleArg = '2'] = process.argv.slice(2);
const n = Number(nArg), scale = Number(scaleArg), cell = 28 * scale, gap = cell / 2;
const records = (dir, split) => readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l)).filter((r) => (r.split ?? 'train') === split);
const classes = JSON.parse(readFileSync(path.join(real, 'dataset.json'), 'utf8')).classes;
const [syn, rea] = [records(synthetic, 'train'), records(real, 'test')];
const W = 2 * n * cell + gap, H = classes.length * cell;
const sheet = new PNG({ width: W, height: H });
sheet.data.fill(0);
for (let i = 3; i < sheet.data.length; i += 4) sheet.data[i] = 255;
for (const [row, cls] of classes.entries()) {
  const picks = [...syn.filter((r) => r.class === cls).slice(0, n).map((r) => [synthetic, r]), ...rea.filter((r) => r.class === cls).slice(0, n).map((r) => [real, r])];
  for (const [k, [dir, r]] of picks.entries()) {
    const img = PNG.sync.read(readFileSync(path.join(dir, r.file)));
    const ox = k * cell + (k >= n ? gap : 0), oy = row * cell;
    for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) {
      const v = img.data[(Math.floor(y / scale) * img.width + Math.floor(x / scale)) * 4];
      const o = ((oy + y) * W + ox + x) * 4;
      sheet.data[o] = sheet.data[o + 1] = sheet.data[o + 2] = v;
    }
  }
}
// A grey rule between the halves.
for (let y = 0; y < H; y++) for (let x = n * cell + gap / 2 - 1; x <= n * cell + gap / 2; x++) { const o = (y * W + x) * 4; sheet.data[o] = sheet.data[o + 1] = sheet.data[o + 2] = 96; }
writeFileSync(out, PNG.sync.write(sheet));
console.log(`${out}: ${classes.length} classes × (${n} synthetic | ${n} real)`);
