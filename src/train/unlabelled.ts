import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type OnlineAugmenter, createOnlineAugmenter, loadRecipe } from '../augment/index.js';
import { type DatasetCache, type ImageBatch, type Split, readImages } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { argmaxRows } from '../eval/classification-metrics.js';
import type { Rng } from '../rng.js';
import type { ClassThresholds } from './class-thresholds.js';
import { type RecipeRecord, recipeRecord } from './part-augmenters.js';
import { imagesTensor } from './tensors.js';
import { readSplitRecords, shuffled } from './training-data.js';

/**
 * Images without labels a run learns from by consistency (FixMatch, Sohn et al. 2020): each step,
 * the model labels the clean images it is surest of, and is trained to give those labels to
 * strongly augmented views of the same images.
 */
export interface UnlabelledOptions {
  dir: string;
  /** Split whose images are used; its labels, if any, are never read. Default train. */
  split?: Split | undefined;
  /** Unlabelled images per labelled image in each batch. Default 1. */
  ratio?: number | undefined;
  /** A pseudo-label counts when the model's probability for it reaches this. Default 0.95. */
  threshold?: number | undefined;
  /** Weight of the unlabelled images' loss against the labelled ones'. Default 1. */
  weight?: number | undefined;
  /** The recipe of the strong views (default: the run's --augment). */
  augment?: string | undefined;
  /** Which weights label the clean images: the model's as they are, or the run's moving average of them. Default model. */
  teacher?: 'model' | 'average' | undefined;
  /** Class-adaptive thresholds (FlexMatch): `threshold` is the bar of the best-learnt class, the others' are lower. */
  adaptive?: boolean | undefined;
}

export interface UnlabelledPool {
  images: ImageBatch;
  augmenter: OnlineAugmenter;
  ratio: number;
  threshold: number;
  weight: number;
  teacher: 'model' | 'average';
  adaptive: boolean;
  /** What config.json records. */
  description: Record<string, unknown> & { recipe: RecipeRecord };
}

/** The settings of `options` with their defaults, checked. */
export function unlabelledSettings(options: Omit<UnlabelledOptions, 'dir'>): Pick<UnlabelledPool, 'ratio' | 'threshold' | 'weight' | 'teacher' | 'adaptive'> {
  const ratio = options.ratio ?? 1;
  const threshold = options.threshold ?? 0.95;
  const weight = options.weight ?? 1;
  const teacher = options.teacher ?? 'model';
  if (teacher !== 'model' && teacher !== 'average') throw new SynthError(`--teacher: expected model or average, got ${String(teacher)}`);
  if (!(ratio > 0 && Number.isFinite(ratio))) throw new SynthError(`--unlabelled-ratio: expected a number > 0, got ${ratio}`);
  if (!(threshold > 0 && threshold <= 1)) throw new SynthError(`--confidence: expected a probability in (0, 1], got ${threshold}`);
  if (!(weight > 0 && Number.isFinite(weight))) throw new SynthError(`--unlabelled-weight: expected a number > 0, got ${weight}`);
  return { ratio, threshold, weight, teacher, adaptive: options.adaptive ?? false };
}

/** Reads and checks the unlabelled images and their recipe before the run folder is touched. */
export async function loadUnlabelled(
  options: UnlabelledOptions, runRecipe: string | undefined, seed: number, shape: readonly [number, number, number], classes: number, cache?: DatasetCache,
): Promise<UnlabelledPool> {
  const { ratio, threshold, weight, teacher, adaptive } = unlabelledSettings(options);
  const recipeFile = options.augment ?? runRecipe;
  if (recipeFile === undefined) throw new SynthError('--unlabelled: needs a recipe for the strong views (--unlabelled-augment or --augment)');
  const recipe = loadRecipe(recipeFile);
  const mixing = (['mosaic', 'cutmix', 'mixup'] as const).filter((t) => recipe[t] !== undefined);
  if (mixing.length > 0) {
    throw new SynthError(`${recipeFile}: ${mixing.join(', ')}: mixing blends two images' labels, but an unlabelled view keeps its own pseudo-label; use a recipe without mixing for --unlabelled`);
  }
  const split = options.split ?? 'train';
  const { meta, records } = await readSplitRecords(options.dir, split, cache);
  const own: [number, number, number] = [meta.image.height, meta.image.width, meta.image.channels];
  if (own.join('x') !== shape.join('x')) throw new SynthError(`${options.dir}: images are ${own.join('×')} (h×w×c), but the training data's are ${shape.join('×')}`);
  if (records.length === 0) throw new SynthError(`${options.dir}: no ${split} images to learn from without labels`);
  const images = await (cache ? cache.images(options.dir, meta, records) : readImages(options.dir, meta, records));
  return {
    images, ratio, threshold, weight, teacher, adaptive,
    augmenter: createOnlineAugmenter(recipe, seed, { classes }),
    description: {
      dir: path.resolve(options.dir), split, images: records.length, ratio, threshold, weight,
      ...(teacher === 'model' ? {} : { teacher }), ...(adaptive ? { adaptive } : {}), recipe: recipeRecord(recipeFile, recipe),
    },
  };
}

/** Unlabelled images in each batch of `batchSize` labelled ones. */
export function unlabelledPerBatch(pool: UnlabelledPool, batchSize: number): number {
  return Math.max(1, Math.round(pool.ratio * batchSize));
}

/** The unlabelled images of one epoch's batches, in order: fresh permutations of the pool, one after another. */
export function unlabelledOrder(count: number, needed: number, rng: Rng): number[] {
  const order: number[] = [];
  for (let pass = 0; order.length < needed; pass++) order.push(...shuffled([...Array(count).keys()], rng.fork(pass)));
  return order.slice(0, needed);
}

export interface UnlabelledBatch {
  count: number;
  /** Their places in the pool. */
  indices: readonly number[];
  /** The clean images, which the model labels. */
  clean: Uint8Array;
  /** Their strong views, which it learns those labels on. */
  strong: Uint8Array;
}

/** The clean and strongly augmented images at `indices` (keys `u:index`, apart from the labelled parts'). */
export async function unlabelledBatch(
  pool: UnlabelledPool, indices: readonly number[], epoch: number, workers: Parameters<OnlineAugmenter['augment']>[3],
): Promise<UnlabelledBatch> {
  const { height, width, channels } = pool.images;
  const per = height * width * channels;
  const clean = new Uint8Array(indices.length * per);
  indices.forEach((index, i) => clean.set(pool.images.pixels.subarray(index * per, (index + 1) * per), i * per));
  const batch = { pixels: clean, count: indices.length, height, width, channels };
  const result = await pool.augmenter.augment(batch, new Int32Array(indices.length), { epoch, keys: indices.map((i) => `u:${i}`) }, workers);
  return { count: indices.length, indices, clean, strong: result.pixels };
}

/**
 * Targets for the strong views: `weight` on the class the model gives the clean image, when its
 * probability reaches `threshold` (or that class's bar, with `thresholds`, which then learn what
 * the model is sure of); a row of zeros (no loss) otherwise. Returns how many were kept.
 */
export function pseudoTargets(
  model: tf.LayersModel, batch: UnlabelledBatch, pool: UnlabelledPool, classes: number, thresholds?: ClassThresholds,
): { targets: Float32Array; kept: number } {
  const { height, width, channels } = pool.images;
  const probabilities = tf.tidy(() => {
    const x = imagesTensor({ pixels: batch.clean, count: batch.count, height, width, channels });
    return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  });
  const targets = new Float32Array(batch.count * classes);
  let kept = 0;
  const predicted = argmaxRows(probabilities, classes);
  const confidence = Float32Array.from(predicted, (c, i) => probabilities[i * classes + c]!);
  const bars = thresholds?.bars();
  for (let i = 0; i < batch.count; i++) {
    const best = predicted[i]!;
    if (confidence[i]! >= (bars ? bars[best]! : pool.threshold)) {
      targets[i * classes + best] = pool.weight;
      kept++;
    }
  }
  thresholds?.record(batch.indices, predicted, confidence);
  return { targets, kept };
}
