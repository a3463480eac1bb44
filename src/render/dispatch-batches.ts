export interface DispatchOptions {
  /** Indices to work through in order, cut into batches. */
  items: readonly number[];
  batchSize: number;
  /** Batches running at once. */
  concurrency: number;
  /**
   * Finished items held back, waiting for an earlier batch (the ordered manifest's `pending`). While
   * it is at `maxWaiting` or more, no batch starts: one stalled batch cannot make the others pile up.
   */
  waiting: () => number;
  maxWaiting: number;
  run: (batch: number[]) => Promise<void>;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `run` over the batches with at most `concurrency` at once and nothing queued beyond them, so
 * the work in memory is bounded however slow any stage is. Stops starting batches after a failure
 * or an abort; resolves once every started batch has finished, and rethrows the first failure.
 */
export async function dispatchBatches(options: DispatchOptions): Promise<void> {
  const { items, batchSize, concurrency, waiting, maxWaiting, run, signal } = options;
  let running = 0;
  let failure: { error: unknown } | undefined;
  let wake = () => {};
  const oneFinishes = () => new Promise<void>((resolve) => (wake = resolve));

  for (let start = 0; start < items.length; start += batchSize) {
    while (running >= concurrency || (running > 0 && waiting() >= maxWaiting)) await oneFinishes();
    if (failure !== undefined || signal?.aborted) break;
    running++;
    run(items.slice(start, start + batchSize))
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        running--;
        wake();
      });
  }
  while (running > 0) await oneFinishes();
  if (failure !== undefined) throw failure.error;
}
