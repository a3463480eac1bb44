import type { ImageBatch } from '../dataset/index.js';
import { type AugmentedLabels, type ImageLabels, applyAugmentation } from './apply-augmentation.js';
import type { AugmentParams } from './augment-params.js';
import type { BoxLabel } from './boxes.js';
import type { Raster } from './kernels/raster.js';

export interface AugmentedBatch<B extends BoxLabel = BoxLabel> {
  batch: ImageBatch;
  labels: AugmentedLabels<B>[];
}

/**
 * Applies a batch's parameters on the main thread, image by image. Mixing partners are images of
 * the same batch, by index, taken before augmentation.
 */
export function augmentBatch<B extends BoxLabel = BoxLabel>(
  batch: ImageBatch, params: readonly AugmentParams[], labels?: readonly ImageLabels<B>[], range: [number, number] = [0, batch.count], out?: Uint8Array,
): AugmentedBatch<B> {
  if (params.length !== batch.count) throw new RangeError(`${params.length} parameter sets for ${batch.count} images`);
  const { width, height, channels } = batch;
  const per = width * height * channels;
  const pixels = out ?? new Uint8Array(batch.count * per);
  const view = (i: number): Raster => ({ pixels: batch.pixels.subarray(i * per, (i + 1) * per), width, height, channels });
  const partner = (j: number) => {
    if (!(j >= 0 && j < batch.count)) throw new RangeError(`partner ${j} is outside the batch of ${batch.count}`);
    return { image: view(j), labels: labels?.[j] };
  };
  const results: AugmentedLabels<B>[] = [];
  for (let i = range[0]; i < range[1]; i++) {
    const r = applyAugmentation(params[i]!, view(i), labels?.[i] ?? {}, { partner, out: pixels.subarray(i * per, (i + 1) * per) });
    results.push(r.labels);
  }
  return { batch: { pixels, count: batch.count, width, height, channels }, labels: results };
}
