import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Box, instanceStats, unionBox } from '../label/index.js';
import { type BuilderImage, DatasetBuilder, type LabelledRecord, type ManifestRecord, type Split, readDatasetMeta, inDataset, readImages, readManifest, requireLabels } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { checkOutputFolder } from '../output-path.js';
import { createRng } from '../rng.js';
import { type ImageLabels, type SoftLabel, applyAugmentation } from './apply-augmentation.js';
import { type AugmentParams, partnersOf } from './augment-params.js';
import type { BoxLabel } from './boxes.js';
import { encodeLabelPlanes, labelImagesOf, readLabelPlanes } from './label-planes.js';
import type { Raster } from './kernels/raster.js';
import { type AugmentRecipe, defaultRecipe, loadRecipe, recipeHash } from './recipe.js';
import { sampleAugmentation } from './sample-augmentation.js';

export interface AugmentDatasetOptions {
  /** The source dataset folder. */
  data: string;
  out: string;
  /** Augmented copies of each training image. */
  multiply: number;
  seed?: number | undefined;
  /** A recipe, or the path of a YAML/JSON recipe file; the default recipe when absent. */
  recipe?: AugmentRecipe | string | undefined;
  /** Also write each training image unchanged (default true). */
  originals?: boolean | undefined;
  force?: boolean | undefined;
  onProgress?: ((progress: { done: number; total: number }) => void) | undefined;
}

export interface AugmentSummary {
  out: string;
  count: number;
  bySplit: Record<string, number>;
  seed: number;
  recipeHash: string;
  /** Why boxes were not carried over, when they were not. */
  boxesDropped?: string;
  seconds: number;
}

interface ObjectRecord {
  class: string;
  box: Box | null;
  [key: string]: unknown;
}

type ObjectBox = BoxLabel & { object: number };
/** A manifest record without what the builder assigns (id, file, class). */
type RecordFields = { label: number; split: Split } & Record<string, unknown>;

/**
 * Writes a new dataset with `multiply` augmented copies of every training image (and the
 * original, unless `originals` is false). Validation and test images are copied unchanged:
 * augmenting them would change what evaluation measures. Labels follow the images: mixing gives
 * soft labels (`soft` in the record, `label` its heaviest class), boxes of rendered datasets are
 * transformed, and dropped under the recipe's minVisibility. Copy k of image i is a pure function
 * of (source, recipe, seed, i, k). The folder is built aside and moved into place when complete.
 */
export async function augmentDataset(options: AugmentDatasetOptions): Promise<AugmentSummary> {
  const started = performance.now();
  const { data, out } = options;
  if (!Number.isInteger(options.multiply) || options.multiply < 1) {
    throw new SynthError(`--multiply: expected a whole number >= 1, got ${options.multiply}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new SynthError(`--seed: expected a whole number >= 0, got ${seed}`);
  const recipe = typeof options.recipe === 'string' ? loadRecipe(options.recipe) : options.recipe ?? defaultRecipe;
  const hash = recipeHash(recipe);
  const originals = options.originals ?? true;

  const meta = await readDatasetMeta(data);
  if (!meta) throw new SynthError(`${data}: not a synth dataset (no dataset.json)`);
  if (!meta.complete) throw new SynthError(`${data}: the dataset is incomplete (an interrupted run?); finish it before augmenting it`);
  checkOutputFolder(out, [data, ...(typeof options.recipe === 'string' ? [options.recipe] : [])]);
  const records = requireLabels(await readManifest(data), data, 'augmentation', meta.classes);
  const images = await readImages(data, meta, records);
  const { width, height, channels } = meta.image;
  const per = width * height * channels;
  const view = (i: number): Raster => ({ pixels: images.pixels.subarray(i * per, (i + 1) * per), width, height, channels });

  const boxesDropped = boxProblem(records, width, height, data);
  const labelImages = labelImagesOf(records, data);
  const labelsOf = (record: LabelledRecord): ImageLabels<ObjectBox> => ({
    classes: [{ label: record.label, weight: 1 }],
    boxes: boxesDropped === undefined ? objectBoxes(record, meta.classes) : [],
    masks: readLabelPlanes(data, record, labelImages, width, height),
  });
  const sourceLabelImages = (record: LabelledRecord) =>
    Object.fromEntries(labelImages.map((field) => [field, readFileSync(inDataset(data, record[field] as string))]));
  const train = records.flatMap((r, i) => (r.split === 'train' ? [i] : []));
  const poolIndex = new Map(train.map((i, k) => [i, k]));
  const poolIds = train.map((i) => records[i]!.id);
  const total = records.length - train.length + train.length * (options.multiply + (originals ? 1 : 0));

  const builder = await DatasetBuilder.create({
    out, kind: 'augmented', name: `${meta.name}-augmented`, classes: meta.classes, image: meta.image, force: options.force,
    extra: meta['depth'] === undefined ? {} : { depth: meta['depth'] },
    lineage: [...meta.lineage, {
      kind: 'augment',
      source: { path: path.relative(path.resolve(out), path.resolve(data)), name: meta.name, kind: meta.kind, count: meta.count },
      recipeHash: hash, recipe, seed, multiply: options.multiply, originals,
      ...(boxesDropped === undefined ? {} : { boxes: `not carried over: ${boxesDropped}` }),
      ...(labelImages.length === 0 ? {} : { labelImages: `${labelImages.join(', ')} warped with each copy${labelImages.includes('mask') ? '; no instance mask for copies mixed with other images (mosaic, cutmix, mixup), where instance ids would collide' : ''}` }),
    }],
  });
  const root = createRng(seed);
  const bySplit: Record<string, number> = {};
  let done = 0;
  const add = async (pixels: Uint8Array, record: RecordFields, labelImages: BuilderImage['labelImages']) => {
    const { label, split, ...extra } = record;
    await builder.add({ pixels: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length), label, split, extra, labelImages });
    bySplit[split] = (bySplit[split] ?? 0) + 1;
    options.onProgress?.({ done: ++done, total });
  };
  try {
    const buffer = new Uint8Array(per);
    for (const [i, record] of records.entries()) {
      const { id, file, class: _class, mask: _mask, semantic: _semantic, depth: _depth, ...kept } = record;
      const source = { id, copy: 0 };
      if (record.split !== 'train' || originals) {
        await add(view(i).pixels, { ...kept, label: record.label, split: record.split, source }, sourceLabelImages(record));
      }
      if (record.split !== 'train') continue;
      const own = labelsOf(record);
      for (let copy = 1; copy <= options.multiply; copy++) {
        const params = sampleAugmentation(recipe, root.fork(id).fork(copy), { width, height }, { pool: { size: train.length, self: poolIndex.get(i) } });
        const result = applyAugmentation(params, view(i), own, {
          out: buffer,
          partner: (k) => ({ image: view(train[k]!), labels: labelsOf(records[train[k]!]!) }),
        });
        const mixed = partnersOf(params).length > 0;
        // The instance mask, when carried, is the first plane.
        const mask = !mixed && labelImages[0] === 'mask' ? { ids: result.labels.masks[0]!, width, height } : undefined;
        await add(buffer, augmentedRecord(record, copy, params, result.labels, meta.classes, boxesDropped === undefined, poolIds, mask),
          encodeLabelPlanes(result.labels.masks, labelImages, width, height, mixed ? ['mask'] : []));
      }
    }
    const written = await builder.commit();
    return {
      out: written, count: builder.count, bySplit, seed, recipeHash: hash,
      ...(boxesDropped === undefined ? {} : { boxesDropped }), seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await builder.abort();
    throw error;
  }
}

/**
 * The manifest fields of an augmented copy. With the copy's warped instance mask, each object's box
 * and pixel count are measured on it, as the renderer measures them: tight, where the transformed
 * box polygon is not.
 */
function augmentedRecord(
  record: ManifestRecord, copy: number, params: AugmentParams,
  labels: { classes: SoftLabel[]; boxes: (ObjectBox & { visibility: number })[] }, classes: string[], withBoxes: boolean, poolIds: number[],
  mask?: { ids: Uint8Array; width: number; height: number },
): RecordFields {
  const { id, file, class: _class, label: _label, box: _box, objects, pixels: _pixels, mask: _mask, semantic: _semantic, depth: _depth, ...kept } = record as ManifestRecord & { objects?: ObjectRecord[] };
  const heaviest = labels.classes.reduce((best, c) => (c.weight > best.weight ? c : best), labels.classes[0] ?? { label: record.label, weight: 1 });
  const partners = partnersOf(params);
  const fields: Record<string, unknown> = {
    ...kept,
    label: heaviest.label,
    source: { id, copy, ...(partners.length > 0 ? { partners: partners.map((k) => poolIds[k]) } : {}) },
    augment: params,
  };
  if (labels.classes.length > 1) fields.soft = labels.classes.map((c) => ({ label: c.label, class: classes[c.label], weight: round(c.weight) }));
  if (withBoxes && objects !== undefined) {
    // An unmixed copy keeps the source's instance mask, whose value for object k is its `instance` (or k + 1).
    const instanceOf = (b: ObjectBox) => (objects[b.object]?.instance as number | undefined) ?? b.object + 1;
    const measured = mask && instanceStats(mask.ids, mask.width, mask.height, Math.max(0, ...labels.boxes.map(instanceOf))).instances;
    const moved = labels.boxes.map((b) => {
      const inMask = measured?.[instanceOf(b) - 1];
      const box = inMask?.box ? { box: inMask.box, pixels: inMask.pixels } : { box: b.box.map(round) as Box };
      return { class: classes[b.label], ...box, visibility: round(b.visibility), ...(partners.length > 0 ? {} : { instance: instanceOf(b) }) };
    });
    fields.objects = moved;
    fields.box = moved.length === 0 ? null : unionBox(moved.map((o) => o.box)).map(round) as Box;
  }
  return fields as RecordFields;
}

/** The objects' boxes of a rendered record, as augmentation takes them. */
function objectBoxes(record: ManifestRecord, classes: string[]): ObjectBox[] {
  const objects = (record as { objects?: ObjectRecord[] }).objects ?? [];
  return objects.flatMap((o, k) => (o.box === null || o.box === undefined ? [] : [{ box: o.box, label: Math.max(0, classes.indexOf(o.class)), object: k }]));
}

/**
 * Boxes can only follow the image if they are in its pixel coordinates. Renders whose output
 * `fit` crops and scales each frame record boxes in the frame's coordinates, which lie outside
 * the written image; such boxes are not carried over (and this says why).
 */
function boxProblem(records: readonly ManifestRecord[], width: number, height: number, data: string): string | undefined {
  for (const record of records) {
    for (const o of (record as { objects?: ObjectRecord[] }).objects ?? []) {
      const b = o.box;
      if (!b) continue;
      if (b[0] < -0.5 || b[1] < -0.5 || b[0] + b[2] > width + 0.5 || b[1] + b[3] > height + 0.5) {
        return `${data}: record ${record.id} has a box [${b.join(', ')}] outside its ${width}×${height} image (boxes recorded in the render frame's coordinates, e.g. with output.fit)`;
      }
    }
  }
  return undefined;
}


function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
