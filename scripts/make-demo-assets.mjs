// Writes the small texture and background images shipped in scenes/assets/ (used by the demo scene
// and tests). Procedural and deterministic: run `npm run build` first, then this; the PNGs are committed.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { patternValue } from '../dist/src/render/materials/pattern-pixels.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../scenes/assets');

/** fractal noise in [0, 1], periodic every `wrap` cells (0: not periodic) */
const noise = (seed, u, v, wrap = 0) => patternValue('noise', seed, u, v, wrap);
const fract = (x) => x - Math.floor(x);
const mix = (a, b, t) => a.map((c, i) => c + (b[i] - c) * Math.min(1, Math.max(0, t)));

async function write(file, width, height, colourAt) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = colourAt(x / width, y / height);
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.round(Math.min(255, Math.max(0, rgb[c])));
    }
  }
  const out = path.join(root, file);
  mkdirSync(path.dirname(out), { recursive: true });
  await sharp(data, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 9 }).toFile(out);
  console.log(out);
}

const woods = [[[150, 100, 60], [95, 58, 30]], [[196, 150, 100], [140, 95, 55]], [[110, 70, 45], [60, 35, 20]]];
for (const [i, [light, dark]] of woods.entries()) {
  await write(`textures/wood/wood-${i}.png`, 128, 128, (u, v) => {
    const grain = fract(8 * u + 3 * noise(10 + i, 2 * u, 0.5 * v, 2) + 0.6 * noise(20 + i, 8 * u, 2 * v, 8));
    return mix(light, dark, grain ** 3 + 0.2 * noise(30 + i, 16 * u, 4 * v, 16));
  });
}
const stones = [[[200, 200, 195], [90, 90, 100]], [[170, 150, 130], [70, 60, 55]]];
for (const [i, [light, dark]] of stones.entries()) {
  await write(`textures/stone/stone-${i}.png`, 128, 128, (u, v) => {
    const vein = Math.abs(Math.sin(6 * (u + v) + 8 * noise(40 + i, 4 * u, 4 * v, 4)));
    return mix(dark, light, 0.35 + 0.65 * vein ** 0.3 - 0.2 * noise(50 + i, 16 * u, 16 * v, 16));
  });
}
const fabrics = [[[200, 40, 40], [240, 230, 220]], [[40, 70, 160], [30, 30, 40]]];
for (const [i, [a, b]] of fabrics.entries()) {
  await write(`textures/fabric/fabric-${i}.png`, 128, 128, (u, v) => {
    const check = (Math.floor(8 * u) + Math.floor(8 * v)) % 2 === 0 ? 0.8 : 0.3;
    const weave = 0.5 + 0.5 * Math.sin(2 * Math.PI * 32 * (Math.floor(32 * v) % 2 === 0 ? u : v));
    return mix(a, b, 0.7 * check + 0.3 * weave);
  });
}

await write('backgrounds/desk.png', 256, 192, (u, v) => mix([120, 80, 50], [70, 45, 25], fract(3 * v + 2 * noise(60, 0.5 * u, 2 * v)) ** 2));
await write('backgrounds/paper.png', 256, 192, (u, v) => mix([235, 230, 215], [200, 195, 180], noise(61, 24 * u, 18 * v)));
await write('backgrounds/tiles.png', 256, 192, (u, v) => {
  const grout = Math.min(fract(8 * u), fract(6 * v)) < 0.06;
  return grout ? [90, 90, 85] : mix([210, 220, 225], [170, 185, 195], noise(62, 4 * u, 3 * v));
});
await write('backgrounds/bricks.png', 256, 192, (u, v) => {
  const row = Math.floor(12 * v);
  const mortar = fract(12 * v) < 0.12 || fract(6 * u + (row % 2) * 0.5) < 0.05;
  return mortar ? [180, 175, 165] : mix([150, 60, 40], [100, 40, 30], noise(63 + row, 12 * u, 1));
});
await write('backgrounds/foliage.png', 256, 192, (u, v) => mix([40, 110, 40], [10, 40, 15], noise(64, 10 * u, 7.5 * v) ** 0.7));
await write('backgrounds/dusk.png', 256, 192, (u, v) => mix(mix([250, 150, 80], [60, 60, 140], v * 1.4), [20, 20, 30], (noise(65, 6 * u, 1) > 0.55 && v > 0.75) ? 1 : 0));
