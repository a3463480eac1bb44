// A real dataset folder holding the first N training images (stratified by taking every class's
// first N/10) and the whole test split; images are a symlink to the source's images/ folder.
// Usage: node subset.mjs SOURCE OUT N
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const [src, out, nArg] = process.argv.slice(2);
const n = Number(nArg);
const meta = JSON.parse(readFileSync(path.join(src, 'dataset.json'), 'utf8'));
const records = readFileSync(path.join(src, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const perClass = new Map();
const keep = records.filter((r) => {
  if (r.split !== 'train') return true;
  const k = perClass.get(r.label) ?? 0;
  if (k >= n / meta.classes.length) return false;
  perClass.set(r.label, k + 1);
  return true;
});
mkdirSync(out, { recursive: true });
symlinkSync(path.resolve(src, 'images'), path.join(out, 'images'));
writeFileSync(path.join(out, 'manifest.jsonl'), keep.map((r) => JSON.stringify(r)).join('\n') + '\n');
writeFileSync(path.join(out, 'dataset.json'), JSON.stringify({ ...meta, name: `${meta.name}-${n}`, count: keep.length }, null, 2));
console.log(`${out}: ${keep.length} images (${keep.filter((r) => r.split === 'train').length} train)`);
