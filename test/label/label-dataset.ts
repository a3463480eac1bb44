import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { type Split, encodePng, imageFile, writeDatasetMeta } from '../../src/dataset/index.js';
import { instanceStats } from '../../src/label/instance-stats.js';

/** An object's whole extent in pixels, right and bottom exclusive; it may leave the frame. */
export interface Rect {
  class: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface FixtureImage {
  split?: Split;
  /** Painted in order, later ones in front. Omitted: a classification record (no `objects`). */
  rects?: Rect[];
  /** Write a mask PNG (default true when there are rects). */
  mask?: boolean;
  depth?: boolean;
  /** Objects as older renders wrote them: {class, pixels, box} only. */
  legacy?: boolean;
  /** Whole-image class (default: the first rect's, else the first class). */
  class?: string;
  /** Changes the record's objects before it is written (to flag, drop or corrupt them). */
  edit?: (objects: Record<string, unknown>[]) => Record<string, unknown>[];
}

export interface FixtureDataset {
  dir: string;
  width: number;
  height: number;
  classes: string[];
  records: Record<string, unknown>[];
  /** Each image's instance map (value k = rects[k - 1]), as written to its mask. */
  masks: Uint8Array[];
}

/**
 * Writes a dataset folder by hand, as the renderer's contract describes it: dataset.json,
 * manifest.jsonl, images, 8-bit masks and 16-bit depth maps.
 */
export async function writeLabelDataset(
  dir: string, images: FixtureImage[], options: { width?: number; height?: number; classes?: string[]; name?: string; depthScale?: number } = {},
): Promise<FixtureDataset> {
  const width = options.width ?? 16, height = options.height ?? 12;
  const classes = options.classes ?? ['a', 'b', 'c'];
  const records: Record<string, unknown>[] = [];
  const masks: Uint8Array[] = [];
  for (const [id, image] of images.entries()) {
    const ids = new Uint8Array(width * height);
    const rects = image.rects ?? [];
    rects.forEach((r, k) => {
      for (let y = Math.max(0, r.y0); y < Math.min(height, r.y1); y++) for (let x = Math.max(0, r.x0); x < Math.min(width, r.x1); x++) ids[y * width + x] = k + 1;
    });
    masks.push(ids);
    const file = imageFile(id);
    write(dir, file, await encodePng(Buffer.from(ids.map((v) => (v === 0 ? 0 : 60 + 40 * v))), width, height, 1));
    const record: Record<string, unknown> = {
      id, file, split: image.split ?? 'train', label: 0, class: image.class ?? rects[0]?.class ?? classes[0]!,
    };
    record.label = classes.indexOf(record.class as string);
    if (image.rects) {
      const stats = instanceStats(ids, width, height, rects.length).instances;
      let objects: Record<string, unknown>[] = rects.map((r, k) => {
        const s = stats[k]!;
        if (image.legacy) return { class: r.class, pixels: s.pixels, box: s.box };
        const clipped = [Math.max(0, r.x0), Math.max(0, r.y0), Math.min(width, r.x1), Math.min(height, r.y1)] as const;
        const inFrame = clipped[2] > clipped[0] && clipped[3] > clipped[1];
        return {
          class: r.class, ...(classes.includes(r.class) ? { label: classes.indexOf(r.class) } : {}), pixels: s.pixels, box: s.box,
          amodal: inFrame ? [clipped[0], clipped[1], clipped[2] - clipped[0], clipped[3] - clipped[1]] : null,
          truncated: r.x0 < 0 || r.y0 < 0 || r.x1 > width || r.y1 > height,
          visibility: s.pixels / ((r.x1 - r.x0) * (r.y1 - r.y0)),
        };
      });
      if (image.edit) objects = image.edit(objects);
      record.objects = objects;
      if (image.mask ?? !image.legacy) {
        record.mask = file.replace(/^images\//, 'masks/');
        write(dir, record.mask as string, await encodePng(Buffer.from(ids), width, height, 1));
      }
    }
    if (image.depth) {
      record.depth = file.replace(/^images\//, 'depth/');
      write(dir, record.depth as string, depthPng(ids.map((v) => v * 1000), width, height));
    }
    records.push(record);
  }
  writeFileSync(path.join(dir, 'manifest.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const now = '2030-01-02T03:04:05.000Z';
  await writeDatasetMeta(dir, {
    format: 'synth-dataset', version: 1, kind: 'synthetic', name: options.name ?? 'fixture', classes, count: records.length, complete: true,
    image: { width, height, channels: 1 }, lineage: [], versions: {}, createdAt: now, updatedAt: now,
    ...(options.depthScale !== undefined ? { depth: { scale: options.depthScale } } : {}),
  });
  return { dir, width, height, classes, records, masks };
}

function write(dir: string, relative: string, bytes: Uint8Array): void {
  const file = path.join(dir, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/** A 16-bit grey PNG (pngjs takes the samples in machine order). */
export function depthPng(values: ArrayLike<number>, width: number, height: number): Buffer {
  const png = new PNG({ width, height, bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(Uint16Array.from(values).buffer);
  return PNG.sync.write(png, { bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/**
 * The dataset most export tests use (16×12, classes a b c): occlusion, truncation, a hidden object,
 * an image with no objects, an older record without a mask, a classification record, an object a
 * filter flagged and one it dropped (so mask values no longer follow positions).
 */
export async function standardDataset(dir: string): Promise<FixtureDataset> {
  const { LabelsSpec, filterObjects } = await import('../../src/label/filters.js');
  const flag = LabelsSpec.parse({ minPixels: 5, mode: 'flag' });
  const drop = LabelsSpec.parse({ minPixels: 5, mode: 'drop' });
  const rect = (cls: string, x0: number, y0: number, x1: number, y1: number): Rect => ({ class: cls, x0, y0, x1, y1 });
  return writeLabelDataset(dir, [
    { split: 'train', depth: true, rects: [rect('a', 2, 2, 8, 8), rect('b', 6, 4, 12, 10), rect('c', 12, 8, 20, 14)] },
    { split: 'val', depth: true, rects: [rect('b', 3, 3, 5, 5), rect('a', 1, 1, 10, 10)] },
    { split: 'test', rects: [] },
    { split: 'train', legacy: true, rects: [rect('c', 4, 4, 9, 7)] },
    { split: 'train', class: 'b' },
    { split: 'train', rects: [rect('a', 0, 0, 2, 2), rect('b', 5, 5, 14, 11)], edit: (o) => filterObjects(o, flag) },
    { split: 'val', rects: [rect('a', 0, 0, 2, 2), rect('b', 4, 2, 10, 8), rect('c', 11, 1, 15, 5)], edit: (o) => filterObjects(o, drop) },
  ], { depthScale: 0.001 });
}

/** The standard dataset under `root`/data, exported in `format` to `root`/export. */
export async function exportStandard(root: string, format: string | string[]): Promise<{ data: FixtureDataset; out: string }> {
  const { exportDataset } = await import('../../src/label/export/export-dataset.js');
  const data = await standardDataset(path.join(root, 'data'));
  const out = path.join(root, 'export');
  await exportDataset({ dataset: data.dir, format, out });
  return { data, out };
}
