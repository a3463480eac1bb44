/**
 * Writes a synth dataset folder of procedural handwritten digits, drawn by the Node rasteriser
 * (MNIST-style: binary ink at 4× averaged into a 20×20 box, centred by mass in 28×28).
 *
 *   node dist/experiments/write-handwriting.js --out /tmp/hw/strokes --count 10000 [--seed 0]
 *     [--style style.json] [--sheet sheet.png]
 *
 * Image i draws digit i mod 10 (balanced) from createRng(seed).fork(i); its sampled parameters are
 * in the manifest. --style is a JSON/YAML HandwritingStyle (defaults otherwise).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DatasetBuilder } from '../src/dataset/index.js';
import { HandwritingStyle, handwritingStrokes, rasteriseStrokes, sampleHandwriting } from '../src/render/shapes/handwriting/index.js';
import { createRng } from '../src/rng.js';
import { writeContactSheet } from './contact-sheet.js';

function flag(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const out = flag('out');
if (!out) throw new Error('--out DIR is required');
const count = Number(flag('count', '10000'));
const seed = Number(flag('seed', '0'));
const styleFile = flag('style');
const style = HandwritingStyle.parse(styleFile ? parse(readFileSync(styleFile, 'utf8')) : {});
const sheet = flag('sheet');

const classes = Array.from({ length: 10 }, (_, d) => String(d));
const builder = await DatasetBuilder.create({
  out, kind: 'synthetic', name: 'handwriting', classes, force: true,
  image: { width: 28, height: 28, channels: 1 },
  extra: { source: { generator: 'experiments/write-handwriting', seed, style } },
});
const root = createRng(seed);
const tiles: { pixels: Uint8Array; caption: string }[] = [];
for (let i = 0; i < count; i++) {
  const digit = i % 10;
  const params = sampleHandwriting(style, root.fork(i), digit);
  const raster = rasteriseStrokes(handwritingStrokes(params, style.samplesPerSegment));
  if (tiles.length < 200) tiles.push({ pixels: raster.pixels, caption: String(digit) });
  const { offsets: _o, warpTerms: _w, pressureWaves: _p, ...summary } = params;
  await builder.add({ pixels: Buffer.from(raster.pixels), label: digit, split: 'train', extra: { params: summary } });
}
await builder.commit();
if (sheet) {
  // Rows by digit: tile k of the sheet is digit k mod 10 → transpose to 10 columns of one digit per row.
  const byDigit = Array.from({ length: 10 }, (_, d) => tiles.filter((t) => t.caption === String(d)));
  writeContactSheet(sheet, byDigit.flatMap((row) => row.slice(0, 20)), { columns: 20 });
}
console.log(`${out}: ${count} handwritten digits (seed ${seed})`);
