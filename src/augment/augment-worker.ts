import { parentPort } from 'node:worker_threads';
import type { AugmentParams } from './augment-params.js';
import { augmentBatch } from './augment-batch.js';
import type { WorkerTask } from './augment-workers.js';

/** Worker entry of AugmentWorkers: applies images [from, to) of a shared batch into the shared output. */
parentPort!.on('message', (task: WorkerTask) => {
  try {
    const { count, width, height, channels, from, to } = task;
    const params = new Array<AugmentParams>(count);
    task.params.forEach((p, k) => (params[from + k] = p));
    const batch = { pixels: new Uint8Array(task.input), count, width, height, channels };
    const { labels } = augmentBatch(batch, params, task.labels, [from, to], new Uint8Array(task.output));
    parentPort!.postMessage({ labels });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
