import * as tf from '@tensorflow/tfjs';
import type { ImageBatch } from '../dataset/index.js';

/** A float32 NHWC tensor in [0, 1] of the images at `indices` (all of them by default). */
export function imagesTensor(images: ImageBatch, indices?: ArrayLike<number>): tf.Tensor4D {
  const per = images.height * images.width * images.channels;
  const n = indices?.length ?? images.count;
  const data = new Float32Array(n * per);
  for (let i = 0; i < n; i++) {
    const from = (indices ? indices[i]! : i) * per;
    for (let p = 0; p < per; p++) data[i * per + p] = images.pixels[from + p]! / 255;
  }
  return tf.tensor4d(data, [n, images.height, images.width, images.channels]);
}

/** One-hot labels. */
export function labelsTensor(labels: ArrayLike<number>, classes: number): tf.Tensor2D {
  const data = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) data[i * classes + labels[i]!] = 1;
  return tf.tensor2d(data, [labels.length, classes]);
}

/** Class probabilities for every image, predicted in batches so memory stays small. */
export async function predictProbabilities(model: tf.LayersModel, images: ImageBatch, batchSize = 256): Promise<Float32Array> {
  const classes = (model.outputs[0]!.shape.at(-1) ?? 0) as number;
  const out = new Float32Array(images.count * classes);
  for (let start = 0; start < images.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, images.count - start) }, (_, i) => start + i);
    const x = imagesTensor(images, indices);
    const y = model.predict(x) as tf.Tensor;
    out.set(await y.data() as Float32Array, start * classes);
    tf.dispose([x, y]);
  }
  return out;
}
