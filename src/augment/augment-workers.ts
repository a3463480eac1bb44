import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImageBatch } from '../dataset/index.js';
import type { AugmentedLabels, ImageLabels } from './apply-augmentation.js';
import { type AugmentedBatch, augmentBatch } from './augment-batch.js';
import type { AugmentParams } from './augment-params.js';
import type { BoxLabel } from './boxes.js';

const SCRIPT = fileURLToPath(new URL('./augment-worker.js', import.meta.url));

/** One share of a batch, as sent to a worker: images [from, to) of the shared input. */
export interface WorkerTask {
  input: SharedArrayBuffer;
  output: SharedArrayBuffer;
  count: number;
  width: number;
  height: number;
  channels: 1 | 3;
  from: number;
  to: number;
  params: AugmentParams[];
  labels: ImageLabels[] | undefined;
}

export interface AugmentWorkersOptions {
  /**
   * The workers take the whole batch and the calling thread none, so that it can do other work
   * (a trainer's step) while the next batch is augmented.
   */
  background?: boolean | undefined;
}

/**
 * Worker threads that augment shares of a batch while the main thread augments its own share (or,
 * in the background, none). Each image is a pure function of its parameters, so the bytes are the
 * same whatever the number of workers (tested). Input and output cross in SharedArrayBuffers;
 * nothing is copied per image.
 */
export class AugmentWorkers {
  private constructor(private readonly workers: Worker[], private readonly background: boolean) {}

  static async start(count: number, options: AugmentWorkersOptions = {}): Promise<AugmentWorkers> {
    const workers = Array.from({ length: Math.max(0, Math.floor(count)) }, () => new Worker(SCRIPT));
    await Promise.all(workers.map((w) => once(w, 'online')));
    for (const w of workers) w.unref();
    const background = options.background === true && workers.length > 0;
    return new AugmentWorkers(workers, background);
  }

  get size(): number {
    return this.workers.length;
  }

  async apply<B extends BoxLabel = BoxLabel>(batch: ImageBatch, params: readonly AugmentParams[], labels?: readonly ImageLabels<B>[]): Promise<AugmentedBatch<B>> {
    const { count, width, height, channels } = batch;
    const per = width * height * channels;
    if (params.length !== count) throw new RangeError(`${params.length} parameter sets for ${count} images`);
    const input = new SharedArrayBuffer(count * per);
    new Uint8Array(input).set(batch.pixels.subarray(0, count * per));
    const output = new SharedArrayBuffer(count * per);
    // Share 0 is the calling thread's (empty in the background), share k + 1 worker k's.
    const takers = this.workers.length + (this.background ? 0 : 1);
    const cuts = Array.from({ length: takers + 1 }, (_, k) => Math.round((k * count) / takers));
    const bounds = this.background ? [0, ...cuts] : cuts;
    const pending = this.workers.map((worker, k) => {
      const task: WorkerTask = {
        input, output, count, width, height, channels, from: bounds[k + 1]!, to: bounds[k + 2]!,
        params: params.slice(bounds[k + 1]!, bounds[k + 2]!), labels: labels?.slice() as ImageLabels[] | undefined,
      };
      return run<B>(worker, task);
    });
    const shared: ImageBatch = { pixels: new Uint8Array(input), count, width, height, channels };
    const mine = augmentBatch(shared, params, labels, [bounds[0]!, bounds[1]!], new Uint8Array(output));
    const rest = await Promise.all(pending);
    return { batch: mine.batch, labels: [...mine.labels, ...rest.flat()] };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function run<B extends BoxLabel>(worker: Worker, task: WorkerTask): Promise<AugmentedLabels<B>[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { labels?: AugmentedLabels<B>[]; error?: string }) => {
      worker.off('error', onError);
      if (message.error !== undefined) reject(new Error(`augment worker: ${message.error}`));
      else resolve(message.labels!);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(task);
  });
}
