import { z } from 'zod';
import type { ManifestRecord } from '../dataset/index.js';
import { SynthError, zodIssueLines } from '../errors.js';

/**
 * The label fields of a manifest record, as the exporters and the preview read them. Older records
 * have objects with only {class, pixels, box}, augmented ones {class, box, visibility}, and real
 * (imported) ones no objects at all: every field past `class` and `box` is optional.
 */

export const BoxSchema = z
  .tuple([z.number(), z.number(), z.number().nonnegative(), z.number().nonnegative()])
  .describe('[x, y, width, height] in the written image\'s pixels');

export const LabelObject = z.looseObject({
  class: z.string(),
  label: z.int().nonnegative().optional(),
  pixels: z.number().nonnegative().optional().describe('visible pixels in the written image'),
  box: BoxSchema.nullable().default(null).describe('tight box of the visible pixels; null when none is visible'),
  amodal: BoxSchema.nullable().optional().describe('projected extent of the whole object, clipped to the frame; null when outside'),
  truncated: z.boolean().optional().describe('the object leaves the frame'),
  visibility: z.number().min(0).max(1).optional().describe('visible fraction of the object'),
  ignore: z.boolean().optional().describe('a label filter flagged the object: train on neither it nor its absence'),
  instance: z
    .int()
    .min(1)
    .max(255)
    .optional()
    .describe('its pixel value in the mask; absent means its position in `objects` + 1 (set when a filter dropped objects before it)'),
});
export type LabelObject = z.output<typeof LabelObject>;

const maskPath = (folder: string) => z.string().regex(new RegExp(`^${folder}/\\d{3,}/\\d{6,}\\.png$`), `expected ${folder}/NNN/NNNNNN.png`);

export const LabelFields = z.looseObject({
  objects: z.array(LabelObject).optional(),
  mask: maskPath('masks').optional().describe('8-bit instance mask: pixel value k is the object whose instance is k'),
  depth: maskPath('depth').optional().describe('16-bit depth map: metres = value × dataset.json depth.scale, 0 = nothing hit'),
});

export type LabelRecord = ManifestRecord & z.output<typeof LabelFields>;

/** A record with its label fields checked; a bad field names the record, the field path and the value. */
export function labelRecord(record: ManifestRecord, manifest: string): LabelRecord {
  const result = LabelFields.safeParse(record);
  if (result.success) return result.data as LabelRecord;
  throw new SynthError(`${manifest}: record ${record.id} (${record.file}) has invalid labels`, { details: zodIssueLines(result.error, record) });
}

/** The mask value of objects[k]. */
export function instanceOf(object: LabelObject, k: number): number {
  return object.instance ?? k + 1;
}
