/**
 * Preloaded (node --import) into a training process to make its wasm helper threads notify late:
 * every Atomics.notify on a worker thread waits 1–4 ms first, as when a helper is descheduled
 * between storing its outcome and notifying, which a loaded machine does now and then. The main
 * thread is left alone. Loaded as a test file on its own, it does nothing.
 */
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  const notify = Atomics.notify.bind(Atomics);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let calls = 0;
  Atomics.notify = (array: Int32Array | BigInt64Array, index: number, count?: number): number => {
    Atomics.wait(pause, 0, 0, 1 + (calls++ % 4));
    return notify(array as Int32Array, index, count);
  };
}
