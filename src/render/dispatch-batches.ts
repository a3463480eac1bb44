import PQueue from 'p-queue';

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
  const queue = new PQueue({ concurrency });
  let failure: { error: unknown } | undefined;
  const busy = () => queue.pending >= concurrency || (queue.pending > 0 && waiting() >= maxWaiting);

  for (let start = 0; start < items.length; start += batchSize) {
    // 'next' fires each time a batch finishes: the moment to look again.
    while (busy()) await new Promise<void>((resolve) => queue.once('next', () => resolve()));
    if (failure !== undefined || signal?.aborted) break;
    // The failure is noted inside the task, so it is known before 'next' wakes the loop.
    void queue.add(async () => {
      try {
        await run(items.slice(start, start + batchSize));
      } catch (error) {
        failure ??= { error };
      }
    });
  }
  await queue.onIdle();
  if (failure !== undefined) throw failure.error;
}
