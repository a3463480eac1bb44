// Experiment: a 28×28 copy of a grey dataset written larger (e.g. experiments/fashion/scenes/m1-64.yaml),
// each product's box scaled to 28 px on its long side by taking one source pixel per output pixel
// (no averaging), as Fashion-MNIST resized its 51×73 thumbnails: "by subsampling the pixels, i.e.
// some rows and columns are skipped over" (Xiao et al. 2017). The box is centred on a black canvas.
// With `area`, the renderer's own area-averaging resample instead (the control: same source, averaged).
// Labels' boxes and masks are not carried over (classification only). Needs `npm run build`.
// Usage: node subsample.mjs SOURCE OUT [nearest|area]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { resample } from '../../dist/src/render/resample.js';
const [src, out, mode = 'nearest'] = process.argv.slice(2);
if (mode !== 'nearest' && mode !== 'area') throw new Error(`mode: expected nearest or area, got ${mode}`);
const N = 28;
const meta = JSON.parse(readFileSync(path.join(src, 'dataset.json'), 'utf8'));
const records = readFileSync(path.join(src, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const pick = (from, size, outSize, i) => from + Math.min(size - 1, Math.floor(((i + 0.5) * size) / outSize));
for (const rec of records) {
  const img = PNG.sync.read(readFileSync(path.join(src, rec.file)));
  const grey = (x, y) => img.data[(y * img.width + x) * 4];
  let [x0, y0, x1, y1] = [img.width, img.height, -1, -1];
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
    if (grey(x, y) > 0) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  const res = new PNG({ width: N, height: N });
  res.data.fill(0);
  for (let i = 0; i < N * N; i++) res.data[i * 4 + 3] = 255;
  if (x1 >= 0) {
    const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
    const scale = N / Math.max(w, h);
    const [ow, oh] = [Math.max(1, Math.min(N, Math.round(w * scale))), Math.max(1, Math.min(N, Math.round(h * scale)))];
    const [left, top] = [Math.round((N - ow) / 2), Math.round((N - oh) / 2)];
    const crop = Uint8Array.from({ length: w * h }, (_, i) => grey(x0 + (i % w), y0 + Math.floor(i / w)));
    const averaged = mode === 'area' ? resample(crop, w, h, 1, ow, oh) : undefined;
    for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
      const v = averaged ? averaged[y * ow + x] : grey(pick(x0, w, ow, x), pick(y0, h, oh, y));
      res.data.fill(v, ((top + y) * N + left + x) * 4, ((top + y) * N + left + x) * 4 + 3);
    }
  }
  mkdirSync(path.dirname(path.join(out, rec.file)), { recursive: true });
  writeFileSync(path.join(out, rec.file), PNG.sync.write(res, { colorType: 0 }));
}
const kept = records.map(({ id, file, split, label, class: cls, params }) => ({ id, file, split, label, class: cls, params }));
writeFileSync(path.join(out, 'manifest.jsonl'), kept.map((r) => JSON.stringify(r)).join('\n') + '\n');
writeFileSync(path.join(out, 'dataset.json'), JSON.stringify({ ...meta, image: { ...meta.image, width: N, height: N } }, null, 2));
console.log(`${out}: ${records.length} images to ${N}×${N} (${mode})`);
