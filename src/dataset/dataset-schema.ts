import { z } from 'zod';

/**
 * The dataset folder is the contract between stages (DESIGN.md): dataset.json describes the whole,
 * manifest.jsonl has one record per image. Readers accept fields they do not know, so a newer
 * stage can add fields without breaking older readers.
 */

export const Split = z.enum(['train', 'val', 'test']);
export type Split = z.output<typeof Split>;

export const ManifestRecord = z.looseObject({
  id: z.int().nonnegative(),
  file: z.string().regex(/^images\/\d{3,}\/\d{6,}\.(png|jpg)$/),
  split: Split,
  label: z.int().nonnegative(),
  class: z.string(),
});
export type ManifestRecord = z.output<typeof ManifestRecord>;

export const DatasetMeta = z.looseObject({
  format: z.literal('synth-dataset'),
  version: z.literal(1),
  kind: z.enum(['synthetic', 'real', 'augmented']),
  name: z.string(),
  classes: z.array(z.string()).min(1),
  /** Records in manifest.jsonl once the dataset is complete. */
  count: z.int().nonnegative(),
  complete: z.boolean(),
  image: z.strictObject({ width: z.int().positive(), height: z.int().positive(), channels: z.union([z.literal(1), z.literal(3)]) }),
  /** For rendered datasets: what made them, so a resume can refuse a different scene or seed. */
  render: z
    .looseObject({
      scene: z.string(),
      sceneHash: z.string(),
      seed: z.int().nonnegative(),
      renderer: z.string(),
      browser: z.string(),
    })
    .optional(),
  lineage: z.array(z.looseObject({ kind: z.string() })).default([]),
  versions: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DatasetMeta = z.output<typeof DatasetMeta>;
