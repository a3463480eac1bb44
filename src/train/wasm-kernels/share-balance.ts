/**
 * How to cut split work (batch-split.ts) between the main thread and its helpers so that they
 * finish together. A helper starts late (it has to wake up), copies its inputs in and its output
 * back, and the main thread sleeps until it is done, so even shares leave the main thread waiting:
 * 5 ms of a 35 ms batch of the reference model on this 2-core VM. Each kind of split work learns
 * every thread's time per unit (an image, a row, a chunk) from the calls before, and cuts the next
 * call in proportion to the threads' speeds. The result never depends on the cut (every share
 * writes its own part of the output, and the filter gradient's chunks are fixed), only the time.
 */

/** Weight of the newest call in each thread's running time per unit. */
const SMOOTHING = 0.25;
/** A thread is never taken to be more than this many times as fast as another. */
const MAX_RATIO = 4;

/** [start, count] of each part: `total` units cut in proportion to `weights`, at least one each. */
export function weightedShares(total: number, weights: readonly number[]): [start: number, count: number][] {
  const parts = weights.length;
  if (total < parts) throw new RangeError(`cannot cut ${total} units into ${parts} parts`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const ends: number[] = [];
  let before = 0;
  for (let i = 0; i < parts; i++) {
    before += weights[i]!;
    const ideal = i === parts - 1 ? total : Math.round((total * before) / sum);
    const previous = i === 0 ? 0 : ends[i - 1]!;
    // At least one unit for this part, and one left for each part after it.
    ends.push(Math.min(Math.max(ideal, previous + 1), total - (parts - 1 - i)));
  }
  return ends.map((end, i) => {
    const start = i === 0 ? 0 : ends[i - 1]!;
    return [start, end - start];
  });
}

export class ShareBalance {
  /** Per kind of work: each thread's milliseconds per unit, smoothed. */
  private readonly perUnit = new Map<string, number[]>();

  /** Cuts `total` units of work of kind `key` into `parts`, the main thread's first. */
  shares(key: string, total: number, parts: number): [start: number, count: number][] {
    const times = this.perUnit.get(key);
    if (times === undefined || times.length !== parts) return weightedShares(total, new Array<number>(parts).fill(1));
    const fastest = Math.min(...times);
    return weightedShares(total, times.map((t) => 1 / Math.min(t, fastest * MAX_RATIO)));
  }

  /** Learns from a call cut into `shares` whose parts took `times` milliseconds (PartTimes). */
  record(key: string, shares: readonly [number, number][], times: readonly number[]): void {
    if (times.length !== shares.length || times.some((t) => !(t > 0))) return;
    const observed = shares.map(([, count], i) => times[i]! / count);
    const before = this.perUnit.get(key);
    this.perUnit.set(key, before?.length === observed.length ? before.map((t, i) => t + SMOOTHING * (observed[i]! - t)) : observed);
  }
}
