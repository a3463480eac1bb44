import { type ManifestRecord, encodePng16, encodeSmallPng } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { readGreyImageSync } from '../label/index.js';

/** Per-pixel label images a rendered record may carry, by manifest field. */
export const LABEL_IMAGES = ['mask', 'semantic', 'depth'] as const;
export type LabelImage = (typeof LABEL_IMAGES)[number];

/**
 * The label images every record of a dataset carries (a rendered dataset's are uniform). A dataset
 * where only some records carry one is refused: its copies could not all keep their labels.
 */
export function labelImagesOf(records: readonly ManifestRecord[], dataset: string): LabelImage[] {
  return LABEL_IMAGES.filter((field) => {
    const carrying = records.filter((r) => typeof r[field] === 'string').length;
    if (carrying > 0 && carrying < records.length) {
      const without = records.find((r) => typeof r[field] !== 'string')!;
      throw new SynthError(`${dataset}: ${carrying} of ${records.length} records have a ${field} image, record ${without.id} has none; augmentation needs all or none`);
    }
    return carrying > 0;
  });
}

/**
 * A record's label images as 8-bit planes that warp with nearest neighbour: one each for the
 * instance and semantic masks, two for depth (high and low byte), so a warped depth value is
 * always one the source had, never an interpolation across an object's edge.
 */
export function readLabelPlanes(dataset: string, record: ManifestRecord, fields: readonly LabelImage[], width: number, height: number): Uint8Array[] {
  return fields.flatMap((field) => {
    const file = record[field] as string;
    if (field !== 'depth') return [readGreyImageSync(dataset, file, `${field === 'mask' ? 'instance' : 'semantic'} mask`, 8, width, height) as Uint8Array];
    const depth = readGreyImageSync(dataset, file, 'depth image', 16, width, height);
    const [high, low] = [new Uint8Array(depth.length), new Uint8Array(depth.length)];
    for (let p = 0; p < depth.length; p++) [high[p], low[p]] = [depth[p]! >> 8, depth[p]! & 0xff];
    return [high, low];
  });
}

/** PNG bytes of each label image but `omit` from the planes of `fields` (the inverse of readLabelPlanes). */
export function encodeLabelPlanes(
  planes: readonly Uint8Array[], fields: readonly LabelImage[], width: number, height: number, omit: readonly LabelImage[] = [],
): Partial<Record<LabelImage, Buffer>> {
  const out: Partial<Record<LabelImage, Buffer>> = {};
  let k = 0;
  for (const field of fields) {
    const [first, low] = [planes[k++]!, field === 'depth' ? planes[k++]! : undefined];
    if (omit.includes(field)) continue;
    if (low) {
      const values = new Uint16Array(width * height);
      for (let p = 0; p < values.length; p++) values[p] = (first[p]! << 8) | low[p]!;
      out[field] = encodePng16(values, width, height);
    } else {
      out[field] = encodeSmallPng(first, width, height, 1);
    }
  }
  return out;
}
