import path from 'node:path';
import {
  type DatasetCache, type DatasetMeta, type ImageBatch, type LabelledRecord, type ManifestRecord, type Split, readDatasetMeta, requireLabels, readImages, readManifest,
} from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { type Rng, createRng } from '../rng.js';

/** One dataset of a training blend. */
export interface DataSource {
  dir: string;
  /** Share of each epoch's samples (relative to the other sources' weights). Omit on all sources to concatenate. */
  weight?: number | undefined;
  /** Use only this fraction of the split, stratified by class (e.g. 0.01 for 1% of the real training images). */
  fraction?: number | undefined;
  /** Split to read; default train. */
  split?: Split | undefined;
  /** A recipe that augments this source's images on the fly, in place of the run's (TrainOptions.augment). */
  augment?: string | undefined;
}

/** Images and labels of one part of a blend, in memory. */
export interface LabelledImages {
  name: string;
  images: ImageBatch;
  labels: Int32Array;
  /** Manifest records, in the same order (for slicing results by logged parameters). */
  records: LabelledRecord[];
}

export interface LoadedBlend {
  classes: string[];
  shape: [height: number, width: number, channels: number];
  parts: { data: LabelledImages; weight: number | undefined }[];
  validation: LabelledImages | undefined;
  /** What was used, for the run's config.json. */
  description: Record<string, unknown>[];
}

/** Reads a dataset folder's labelled records of one split, with its metadata (the manifest parsed once per `cache`). */
export async function readSplit(dir: string, split: Split, cache?: DatasetCache): Promise<{ meta: DatasetMeta; records: LabelledRecord[] }> {
  const { meta, records } = await readSplitRecords(dir, split, cache);
  return { meta, records: requireLabels(records, dir, 'training a classifier', meta.classes) };
}

/** readSplit's records, labelled or not. */
export async function readSplitRecords(dir: string, split: Split, cache?: DatasetCache): Promise<{ meta: DatasetMeta; records: ManifestRecord[] }> {
  const meta = await readDatasetMeta(dir);
  if (!meta) throw new SynthError(`${dir}: not a synth dataset (no dataset.json)`);
  if (!meta.complete) throw new SynthError(`${dir}: the dataset is incomplete (an interrupted run?); finish it before training on it`);
  return { meta, records: (await (cache ? cache.manifest(dir) : readManifest(dir))).filter((r) => r.split === split) };
}

export async function loadLabelledImages(dir: string, meta: DatasetMeta, records: LabelledRecord[], cache?: DatasetCache): Promise<LabelledImages> {
  const images = await (cache ? cache.images(dir, meta, records) : readImages(dir, meta, records));
  return { name: path.basename(path.resolve(dir)), images, labels: Int32Array.from(records.map((r) => r.label)), records };
}

/**
 * Loads the sources of a blend, checks they agree on classes and image shape, takes the requested
 * fractions (stratified, seeded) and holds out `valSplit` of each for validation.
 */
export async function loadBlend(sources: DataSource[], valSplit: number, rng: Rng, cache?: DatasetCache): Promise<LoadedBlend> {
  if (sources.length === 0) throw new SynthError('no training data: give at least one --data DIR');
  const weighted = sources.filter((s) => s.weight !== undefined).length;
  if (weighted !== 0 && weighted !== sources.length) {
    throw new SynthError('--data: give a weight to every dataset (DIR:weight) or to none (then they are concatenated)');
  }
  let classes: string[] | undefined;
  let shape: LoadedBlend['shape'] | undefined;
  const parts: LoadedBlend['parts'] = [];
  const held: { data: LabelledImages }[] = [];
  const description: Record<string, unknown>[] = [];

  for (const source of sources) {
    const split = source.split ?? 'train';
    const { meta, records } = await readSplit(source.dir, split, cache);
    const sourceShape: LoadedBlend['shape'] = [meta.image.height, meta.image.width, meta.image.channels];
    if (classes === undefined || shape === undefined) {
      classes = meta.classes;
      shape = sourceShape;
    } else if (meta.classes.join('\u0000') !== classes.join('\u0000')) {
      throw new SynthError(`${source.dir}: its classes (${meta.classes.join(', ')}) differ from ${sources[0]!.dir}'s (${classes.join(', ')})`);
    } else if (sourceShape.join('x') !== shape.join('x')) {
      throw new SynthError(`${source.dir}: images are ${sourceShape.join('×')} (h×w×c), but ${sources[0]!.dir}'s are ${shape.join('×')}`);
    }
    // Every source draws from the same streams (those the first source always drew from): a dataset's
    // fraction and held-out images are the same whether it is trained alone or in a blend, so synth
    // gap's mixed run and its real-only run see the same real images.
    let chosen = records;
    if (source.fraction !== undefined) chosen = sourceSubset(records, source.fraction, rng);
    const [train, val] = valSplit > 0 ? stratifiedSplit(chosen, valSplit, rng.fork('validation').fork(0)) : [chosen, []];
    if (train.length === 0) throw new SynthError(`${source.dir}: no ${split} images to train on${source.fraction !== undefined ? ` at fraction ${source.fraction}` : ''}`);
    parts.push({ data: await loadLabelledImages(source.dir, meta, train, cache), weight: source.weight });
    if (val.length > 0) held.push({ data: await loadLabelledImages(source.dir, meta, val, cache) });
    description.push({ dir: path.resolve(source.dir), kind: meta.kind, split, fraction: source.fraction ?? 1, weight: source.weight ?? null, train: train.length, validation: val.length });
  }
  return { classes: classes!, shape: shape!, parts, validation: held.length > 0 ? concatImages(held.map((h) => h.data)) : undefined, description };
}

/** The random stream trainModel loads a run's data with (loadBlend's `rng`). */
export function dataRng(seed: number): Rng {
  return createRng(seed).fork('data');
}

/** The records loadBlend trains on when a source asks for `fraction` of them, given its `rng`. */
export function sourceSubset(records: LabelledRecord[], fraction: number, rng: Rng): LabelledRecord[] {
  return stratifiedSubset(records, fraction, rng.fork('subset').fork(0));
}

/** `fraction` of each class's records (at least one per class present), in a seeded random order. */
export function stratifiedSubset(records: LabelledRecord[], fraction: number, rng: Rng): LabelledRecord[] {
  if (!(fraction > 0 && fraction <= 1)) throw new SynthError(`fraction: expected a number in (0, 1], got ${fraction}`);
  return byClass(records, rng).flatMap((group) => group.slice(0, Math.max(1, Math.round(group.length * fraction))));
}

/** Splits each class's records into (1 - fraction, fraction), seeded; classes with one record stay in the first part. */
function stratifiedSplit(records: LabelledRecord[], fraction: number, rng: Rng): [LabelledRecord[], LabelledRecord[]] {
  const first: LabelledRecord[] = [];
  const second: LabelledRecord[] = [];
  for (const group of byClass(records, rng)) {
    const n = group.length > 1 ? Math.round(group.length * fraction) : 0;
    second.push(...group.slice(0, n));
    first.push(...group.slice(n));
  }
  return [first, second];
}

function byClass(records: LabelledRecord[], rng: Rng): LabelledRecord[][] {
  const groups = new Map<number, LabelledRecord[]>();
  for (const r of records) {
    const group = groups.get(r.label);
    if (group) group.push(r);
    else groups.set(r.label, [r]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((label) => shuffled(groups.get(label)!, rng.fork(label)));
}

export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function concatImages(parts: LabelledImages[]): LabelledImages {
  const first = parts[0]!;
  const per = first.images.height * first.images.width * first.images.channels;
  const count = parts.reduce((n, p) => n + p.images.count, 0);
  const pixels = new Uint8Array(count * per);
  const labels = new Int32Array(count);
  let at = 0;
  for (const p of parts) {
    pixels.set(p.images.pixels, at * per);
    labels.set(p.labels, at);
    at += p.images.count;
  }
  return { name: parts.map((p) => p.name).join('+'), images: { ...first.images, pixels, count }, labels, records: parts.flatMap((p) => p.records) };
}

/**
 * The sample order of one epoch: each part contributes its share (by weight, or its size when
 * unweighted), cycling through a fresh permutation of its images, and the whole is shuffled.
 * Entries are [part, index within part].
 */
export function epochOrder(blend: LoadedBlend, rng: Rng): [number, number][] {
  const sizes = blend.parts.map((p) => p.data.images.count);
  const total = sizes.reduce((a, b) => a + b, 0);
  const weights = blend.parts.map((p, k) => p.weight ?? sizes[k]!);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const order: [number, number][] = [];
  blend.parts.forEach((_, k) => {
    const share = Math.round((total * weights[k]!) / weightSum);
    const partRng = rng.fork(k);
    let perm: number[] = [];
    for (let i = 0; i < share; i++) {
      if (i % sizes[k]! === 0) perm = shuffled([...Array(sizes[k]!).keys()], partRng.fork(i / sizes[k]!));
      order.push([k, perm[i % sizes[k]!]!]);
    }
  });
  return shuffled(order, rng.fork('mix'));
}
