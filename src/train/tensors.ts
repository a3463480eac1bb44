import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { ImageBatch } from '../dataset/index.js';

/** A float32 NHWC tensor in [0, 1] of the images at `indices` (all of them by default). */
export function imagesTensor(images: ImageBatch, indices?: ArrayLike<number>): tf.Tensor4D {
  const per = images.height * images.width * images.channels;
  const n = indices?.length ?? images.count;
  const shape: [number, number, number, number] = [n, images.height, images.width, images.channels];
  // On wasm, straight into the backend's memory: a fresh 200 kB array per batch, copied in and
  // dropped, cost ~0.4 ms a batch, mostly in garbage collection.
  const wasm = tf.getBackend() === 'wasm' ? (tf.backend() as BackendWasm) : undefined;
  const info = wasm?.makeOutput(shape, 'float32');
  const data = wasm && info ? (wasm.typedArrayFromHeap(info) as Float32Array) : new Float32Array(n * per);
  for (let i = 0; i < n; i++) scale(data, i * per, images.pixels, (indices ? indices[i]! : i) * per, per);
  return (info ? tf.engine().makeTensorFromTensorInfo(info) : tf.tensor4d(data, shape)) as tf.Tensor4D;
}

/** to[at + p] = from[start + p] / 255 for p < count: a loop of its own that V8 optimises once, whatever object the pixels came from. */
function scale(to: Float32Array, at: number, from: Uint8Array, start: number, count: number): void {
  for (let p = 0; p < count; p++) to[at + p] = from[start + p]! / 255;
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
