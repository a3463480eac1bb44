import { z } from 'zod';
import { SynthError } from '../errors.js';

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
  /** The image's class: its only or most visible labelled object. Absent when it shows no labelled object (a detection negative). */
  label: z.int().nonnegative().optional(),
  class: z.string().optional(),
});
export type ManifestRecord = z.output<typeof ManifestRecord>;
export type LabelledRecord = ManifestRecord & { label: number; class: string };

/** The records, checked to each carry an image class (a label within `classes`), for stages that need one (classification training, augmentation). */
export function requireLabels(records: ManifestRecord[], dir: string, purpose: string, classes: readonly string[]): LabelledRecord[] {
  const missing = records.filter((r) => r.label === undefined || r.class === undefined);
  if (missing.length > 0) {
    throw new SynthError(
      `${dir}: ${missing.length} image(s) show no labelled object and so have no class (first: id ${missing[0]!.id}); ${purpose} needs one class per image — render with a count of at least 1 labelled object, or export the dataset for detection instead`,
    );
  }
  // The schema already holds every label to a whole number >= 0; only the top is the dataset's own.
  const outside = records.find((r) => r.label! >= classes.length);
  if (outside) {
    throw new SynthError(`${dir}/manifest.jsonl: image id ${outside.id} has label ${outside.label}, but the dataset has ${classes.length} classes (labels 0 to ${classes.length - 1}, dataset.json's classes)`);
  }
  return records as LabelledRecord[];
}

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
      /** The renderer build's hash (renderer-build.ts); absent in folders from before it was recorded. */
      build: z.string().optional(),
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
