import type { ImageBatch } from '../dataset/index.js';
import { createRng } from '../rng.js';
import type { AugmentParams } from './augment-params.js';
import { augmentBatch } from './augment-batch.js';
import type { AugmentWorkers } from './augment-workers.js';
import type { AugmentRecipe } from './recipe.js';
import { sampleAugmentation } from './sample-augmentation.js';

export interface OnlineAugmenterOptions {
  /** Number of classes: the width of each row of `targets`. */
  classes: number;
  /** Worker threads to share each batch with (the caller starts and closes them). */
  workers?: AugmentWorkers | undefined;
}

export interface OnlineBatchInput {
  epoch: number;
  /**
   * Each sample's identity: its index in the dataset, or a string such as `part:index` for a
   * blend of datasets. An image's parameters depend only on (seed, epoch, key).
   */
  keys: readonly (number | string)[];
}

export interface OnlineBatch {
  /** The augmented images, N × height × width × channels. */
  pixels: Uint8Array;
  /** N × classes class weights, each row summing to 1: one-hot unless mixup, cutmix or mosaic fired. */
  targets: Float32Array;
  params: AugmentParams[];
}

export interface OnlineAugmenter {
  readonly recipe: AugmentRecipe;
  readonly seed: number;
  /** `workers` (for this batch) replaces the augmenter's own; the bytes are the same either way. */
  augment(batch: ImageBatch, labels: ArrayLike<number>, at: OnlineBatchInput, workers?: AugmentWorkers): Promise<OnlineBatch>;
}

/**
 * Augmentation for a training loop, one batch at a time. Parameters are drawn from
 * `seed → 'epoch' → epoch → key` for each sample, so a resumed run sees the same images. Mixing
 * transforms take their partners from the same batch (by position), so mixed images also depend
 * on which samples share the batch, which the trainer's own seeded order fixes.
 */
export function createOnlineAugmenter(recipe: AugmentRecipe, seed: number, options: OnlineAugmenterOptions): OnlineAugmenter {
  const root = createRng(seed).fork('epoch');
  const { classes } = options;
  return {
    recipe,
    seed,
    async augment(batch, labels, at, workers = options.workers) {
      const n = batch.count;
      if (at.keys.length !== n || labels.length !== n) {
        throw new RangeError(`a batch of ${n} images needs ${n} labels and keys, got ${labels.length} and ${at.keys.length}`);
      }
      const epochRng = root.fork(at.epoch);
      const size = { width: batch.width, height: batch.height };
      const params = at.keys.map((key, i) => sampleAugmentation(recipe, epochRng.fork(key), size, { pool: { size: n, self: i } }));
      const imageLabels = Array.from({ length: n }, (_, i) => ({ classes: [{ label: labels[i]!, weight: 1 }] }));
      const result = workers && workers.size > 0
        ? await workers.apply(batch, params, imageLabels)
        : augmentBatch(batch, params, imageLabels);
      const targets = new Float32Array(n * classes);
      result.labels.forEach((l, i) => {
        for (const c of l.classes) {
          if (!(c.label >= 0 && c.label < classes)) throw new RangeError(`label ${c.label} is outside the ${classes} classes`);
          targets[i * classes + c.label]! += c.weight;
        }
      });
      return { pixels: result.batch.pixels, targets, params };
    },
  };
}
