// Contact sheet of procedural Fashion-MNIST products next to real ones, to compare by eye.
// One row per kind: `--per-kind` synthetic products (top view, 28×28, fitted like Fashion-MNIST),
// then as many real images of that class. Needs `npm run build` first.
//
//   node scripts/fashion-silhouettes.mjs [--per-kind 10] [--seed 1] [--mode lambert|coverage]
//        [--out datasets/previews/fashion-silhouettes.png] [--data /usr/share/datasets/fashion-mnist]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    'per-kind': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    mode: { type: 'string', default: 'lambert' },
    out: { type: 'string', default: path.join(root, 'datasets/previews/fashion-silhouettes.png') },
    data: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    scale: { type: 'string', default: '3' },
  },
});
const fashion = await import(path.join(root, 'dist/src/render/shapes/fashion/index.js'));
const { readIdxFile } = await import(path.join(root, 'dist/src/import/idx-file.js'));
const { createRng } = await import(path.join(root, 'dist/src/rng.js'));

const perKind = Number(args['per-kind']), seed = Number(args.seed), scale = Number(args.scale);
const S = 28, gap = 8;
const kinds = fashion.FashionKind.options;
const width = 2 * perKind * S + gap, height = kinds.length * S;
const sheet = new Uint8Array(width * height);
const put = (data, row, x0) => {
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) sheet[(row * S + y) * width + x0 + x] = data[y * S + x];
};
for (let y = 0; y < height; y++) for (let x = perKind * S; x < perKind * S + gap; x++) sheet[y * width + x] = 96;

const rng = createRng(seed);
kinds.forEach((kind, row) => {
  const spec = fashion.ProductSpec.parse({ product: kind });
  for (let i = 0; i < perKind; i++) {
    const params = fashion.sampleProduct(spec, rng.fork(kind).fork(i));
    const image = fashion.rasteriseSilhouette(fashion.buildProduct(params), { size: S, mode: args.mode, supersample: 4 });
    put(image.data, row, i * S);
  }
});

const images = readIdxFile(path.join(args.data, 't10k-images-idx3-ubyte.gz'));
const labels = readIdxFile(path.join(args.data, 't10k-labels-idx1-ubyte.gz'));
kinds.forEach((_, label) => {
  const indices = [];
  for (let i = 0; i < labels.data.length; i++) if (labels.data[i] === label) indices.push(i);
  const pickRng = rng.fork('real').fork(label);
  for (let k = 0; k < perKind; k++) {
    const i = indices[pickRng.fork(k).int(0, indices.length - 1)];
    put(images.data.subarray(i * S * S, (i + 1) * S * S), label, perKind * S + gap + k * S);
  }
});

mkdirSync(path.dirname(args.out), { recursive: true });
await sharp(Buffer.from(sheet), { raw: { width, height, channels: 1 } })
  .resize(width * scale, height * scale, { kernel: 'nearest' })
  .png()
  .toFile(args.out);
console.log(`${args.out}: rows ${kinds.join(', ')}; left ${perKind} synthetic (${args.mode}), right ${perKind} real`);
