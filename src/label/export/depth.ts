import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type DatasetMeta, META_FILE, type Split } from '../../dataset/index.js';
import { parseOrThrow } from '../../errors.js';
import type { ExportContext, FormatResult, FormatWriter } from './format-writer.js';

const DepthInfo = z.looseObject({
  depth: z.looseObject({ scale: z.number().positive('expected metres per depth unit, a number > 0') }),
});

/** Metres per unit of the dataset's 16-bit depth maps (dataset.json `depth.scale`). */
export function depthScale(meta: DatasetMeta): number {
  return parseOrThrow(DepthInfo, meta, META_FILE, 'depth description (--format depth needs depth.scale)').depth.scale;
}

/**
 * Depth maps beside their images: `images/…` (linked) and `depth/…` mirroring them (16-bit grey
 * PNGs, as rendered), plus `depth.json` with the scale and each split's image/depth pairs.
 * Records without a depth map are left out.
 */
export function depthWriter(ctx: ExportContext): FormatWriter {
  const scale = depthScale(ctx.meta);
  const pairs = new Map<Split, { image: string; depth: string }[]>();
  let skipped = 0;
  return {
    add({ record }) {
      if (record.depth === undefined) {
        skipped++;
        return;
      }
      ctx.placer.place(record.file, record.file);
      ctx.placer.place(record.depth, record.depth);
      if (!pairs.has(record.split)) pairs.set(record.split, []);
      pairs.get(record.split)!.push({ image: record.file, depth: record.depth });
    },
    async finish(): Promise<FormatResult> {
      const file = path.join(ctx.root, 'depth.json');
      const description = {
        format: 'synth-depth',
        version: 1,
        encoding: '16-bit grey PNG, same size as its image; metres = value × scale; 0 = no surface hit',
        scale,
        unit: 'metre',
        image: { width: ctx.meta.image.width, height: ctx.meta.image.height },
        splits: Object.fromEntries(pairs),
      };
      await writeFile(file, `${JSON.stringify(description, null, 2)}\n`);
      const images = [...pairs.values()].reduce((s, p) => s + p.length, 0);
      return { format: 'depth', images, skipped, files: [file] };
    },
  };
}
