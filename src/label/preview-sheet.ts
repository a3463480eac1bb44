import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { type ManifestRecord, inDataset, readDatasetMeta, readManifest } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import type { Box } from './instance-stats.js';

export interface PreviewOptions {
  dataset: string;
  out: string;
  /** Images on the sheet (the first n of the manifest). */
  count?: number | undefined;
  /** Side of each tile in pixels; images are scaled up to it without smoothing. */
  tile?: number | undefined;
}

const COLOURS = ['#ff4040', '#40c0ff', '#60ff60', '#ffc040', '#ff60ff', '#40ffd0', '#c0a0ff', '#ffffff'];

/** A contact sheet of a dataset's images with their boxes and class names drawn, for checking labels by eye. */
export async function previewSheet(options: PreviewOptions): Promise<{ out: string; images: number }> {
  const meta = await readDatasetMeta(options.dataset);
  if (!meta) throw new SynthError(`${options.dataset}: not a synth dataset (no dataset.json)`);
  const records = (await readManifest(options.dataset)).slice(0, options.count ?? 64);
  if (records.length === 0) throw new SynthError(`${options.dataset}: no images`);
  const tile = options.tile ?? 112;
  const columns = Math.ceil(Math.sqrt(records.length));
  const rows = Math.ceil(records.length / columns);
  const gap = 4;
  const tiles = await Promise.all(records.map((record) => drawTile(options.dataset, record, meta.image.width, meta.image.height, tile)));
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  await sharp({ create: { width: columns * (tile + gap) + gap, height: rows * (tile + gap) + gap, channels: 3, background: '#202020' } })
    .composite(tiles.map((input, i) => ({ input, left: gap + (i % columns) * (tile + gap), top: gap + Math.floor(i / columns) * (tile + gap) })))
    .png()
    .toFile(options.out);
  return { out: path.resolve(options.out), images: records.length };
}

async function drawTile(dir: string, record: ManifestRecord, width: number, height: number, tile: number): Promise<Buffer> {
  const scale = tile / Math.max(width, height);
  const image = await sharp(inDataset(dir, record.file)).resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'nearest' }).toBuffer();
  const objects = (record.objects as { class: string; box: Box | null }[] | undefined) ?? [];
  const shapes = objects.flatMap((o, k) => {
    if (!o.box) return [];
    const [x, y, w, h] = o.box.map((v) => v * scale) as Box;
    const colour = COLOURS[k % COLOURS.length];
    return [`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${colour}" stroke-width="1.5"/>`];
  });
  const label = `<text x="3" y="${tile - 4}" font-family="sans-serif" font-size="13" fill="#ffff80" stroke="#000" stroke-width="0.6">${escapeXml(record.class ?? "")}</text>`;
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${tile}" height="${tile}">${shapes.join('')}${label}</svg>`);
  return sharp({ create: { width: tile, height: tile, channels: 3, background: '#000000' } })
    .composite([{ input: image, left: 0, top: 0 }, { input: svg, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
