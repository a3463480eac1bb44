import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { MANIFEST_FILE, inDataset, readDatasetMeta, readManifest, writeFileAtomic } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { checkOutputFolder } from '../output-path.js';
import type { Box } from './instance-stats.js';
import { type LabelRecord, instanceOf, labelRecord } from './label-object.js';
import { readMask } from './read-mask.js';

export interface PreviewOptions {
  dataset: string;
  out: string;
  /** Images on the sheet (the first n of the manifest). */
  count?: number | undefined;
  /** Side of each tile in pixels; images are scaled up to it without smoothing. */
  tile?: number | undefined;
}

const COLOURS = ['#ff4040', '#40c0ff', '#60ff60', '#ffc040', '#ff60ff', '#40ffd0', '#c0a0ff', '#ffffff'];

/**
 * A contact sheet of a dataset's images with their boxes, mask outlines (when records have masks)
 * and class names drawn, for checking labels by eye.
 */
export async function previewSheet(options: PreviewOptions): Promise<{ out: string; images: number }> {
  if (existsSync(options.out) && statSync(options.out).isDirectory()) throw new SynthError(`--out ${options.out}: is a folder; name the PNG file to write`);
  checkOutputFolder(path.dirname(path.resolve(options.out)));
  const meta = await readDatasetMeta(options.dataset);
  if (!meta) throw new SynthError(`${options.dataset}: not a synth dataset (no dataset.json)`);
  const manifest = path.join(options.dataset, MANIFEST_FILE);
  const records = (await readManifest(options.dataset)).slice(0, options.count ?? 64).map((r) => labelRecord(r, manifest));
  if (records.length === 0) throw new SynthError(`${options.dataset}: no images`);
  const tile = options.tile ?? 112;
  const columns = Math.ceil(Math.sqrt(records.length));
  const rows = Math.ceil(records.length / columns);
  const gap = 4;
  const tiles = await Promise.all(records.map((record) => drawTile(options.dataset, record, meta.image.width, meta.image.height, tile)));
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  const sheet = await sharp({ create: { width: columns * (tile + gap) + gap, height: rows * (tile + gap) + gap, channels: 3, background: '#202020' } })
    .composite(tiles.map((input, i) => ({ input, left: gap + (i % columns) * (tile + gap), top: gap + Math.floor(i / columns) * (tile + gap) })))
    .png()
    .toBuffer();
  await writeFileAtomic(options.out, sheet);
  return { out: path.resolve(options.out), images: records.length };
}

async function drawTile(dir: string, record: LabelRecord, width: number, height: number, tile: number): Promise<Buffer> {
  const scale = tile / Math.max(width, height);
  const file = inDataset(dir, record.file);
  const image = await sharp(file).resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'nearest' }).toBuffer().catch((error: Error) => {
    throw new SynthError(`${file}: cannot read image (${existsSync(file) ? error.message : 'missing'})`);
  });
  const objects = record.objects ?? [];
  const colourOf = new Map(objects.map((o, k) => [instanceOf(o, k), COLOURS[(instanceOf(o, k) - 1) % COLOURS.length]!]));
  const shapes = objects.flatMap((o, k) => {
    if (!o.box) return [];
    const [x, y, w, h] = o.box.map((v) => v * scale) as Box;
    // Objects a label filter flagged are drawn dashed.
    const dash = o.ignore ? ' stroke-dasharray="3 2"' : '';
    return [`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${colourOf.get(instanceOf(o, k))}" stroke-width="1.5"${dash}/>`];
  });
  const label = `<text x="3" y="${tile - 4}" font-family="sans-serif" font-size="13" fill="#ffff80" stroke="#000" stroke-width="0.6">${escapeXml(record.class ?? "")}</text>`;
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${tile}" height="${tile}">${shapes.join('')}${label}</svg>`);
  const layers: OverlayOptions[] = [{ input: image, left: 0, top: 0 }];
  if (record.mask !== undefined) {
    const mask = await readMask(dir, record.mask, width, height);
    layers.push({ input: outlines(mask, width, height, scale, tile, colourOf), raw: { width: tile, height: tile, channels: 4 }, left: 0, top: 0 });
  }
  layers.push({ input: svg, left: 0, top: 0 });
  return sharp({ create: { width: tile, height: tile, channels: 3, background: '#000000' } }).composite(layers).png().toBuffer();
}

/**
 * An RGBA layer with the border of each instance of the mask, scaled by `scale`, in its object's
 * colour (grey for mask values no object claims, such as objects a filter dropped).
 */
function outlines(mask: Uint8Array, width: number, height: number, scale: number, tile: number, colourOf: ReadonlyMap<number, string>): Buffer {
  const out = Buffer.alloc(tile * tile * 4);
  const [w, h] = [Math.round(width * scale), Math.round(height * scale)];
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : mask[Math.min(height - 1, Math.floor(y / scale)) * width + Math.min(width - 1, Math.floor(x / scale))]!);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = at(x, y);
      if (v === 0 || (at(x - 1, y) === v && at(x + 1, y) === v && at(x, y - 1) === v && at(x, y + 1) === v)) continue;
      const hex = colourOf.get(v) ?? '#808080';
      out.set([parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 255], (y * tile + x) * 4);
    }
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
