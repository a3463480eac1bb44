// Per class, how each image is framed and how bright it gets: the share of images whose box spans
// all 28 px on its long side, box width and height, the brightest pixel, the object's mean grey, and
// that mean once the image is stretched so its brightest pixel is 255 (p10/p50/p90 of each).
// Fashion-MNIST's images all span 28 px and all reach 255 (session 9); renders may do neither.
// Usage: node extremes.mjs DATASET [n per class] [split]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
const [dir, nArg = '300', split = 'train'] = process.argv.slice(2);
const perClass = Number(nArg);
const groups = new Map();
for (const line of readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n')) {
  const r = JSON.parse(line);
  if ((r.split ?? 'train') !== split) continue;
  if (!groups.has(r.class)) groups.set(r.class, []);
  if (groups.get(r.class).length < perClass) groups.get(r.class).push(r.file);
}
const q = (xs) => [0.1, 0.5, 0.9].map((p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]).join('/');
const objectMean = (grey, scale) => {
  let sum = 0, n = 0;
  for (const g of grey) if (Math.min(255, g * scale) > 20) { sum += Math.min(255, g * scale); n++; }
  return Math.round(sum / Math.max(1, n));
};
console.log(['class', 'span28%', 'width', 'height', 'max', 'mean', 'stretched'].map((c) => c.padEnd(12)).join(''));
for (const [cls, files] of [...groups].sort()) {
  const rows = files.map((file) => {
    const png = PNG.sync.read(readFileSync(path.join(dir, file)));
    const ch = png.data.length / (png.width * png.height);
    const grey = Array.from({ length: png.width * png.height }, (_, i) => png.data[i * ch]);
    const on = grey.flatMap((g, i) => (g > 0 ? [[i % png.width, Math.floor(i / png.width)]] : []));
    const w = Math.max(...on.map(([x]) => x)) - Math.min(...on.map(([x]) => x)) + 1;
    const h = Math.max(...on.map(([, y]) => y)) - Math.min(...on.map(([, y]) => y)) + 1;
    const max = Math.max(...grey);
    return { w, h, max, span: Math.max(w, h) >= png.width, mean: objectMean(grey, 1), stretched: objectMean(grey, 255 / max) };
  });
  const span = Math.round((100 * rows.filter((r) => r.span).length) / rows.length);
  console.log([cls, `${span}`, ...['w', 'h', 'max', 'mean', 'stretched'].map((k) => q(rows.map((r) => r[k])))].map((c) => c.padEnd(12)).join(''));
}
