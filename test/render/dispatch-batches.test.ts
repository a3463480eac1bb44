import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dispatchBatches } from '../../src/render/dispatch-batches.js';

/** A promise with its resolve and reject, to finish batches in an order the test chooses. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Like the ordered manifest writer: finished items wait until every earlier item has finished. */
function orderedWriter(items: number[]) {
  const finished = new Set<number>();
  let next = 0;
  let mostWaiting = 0;
  return {
    finish(batch: number[]) {
      for (const i of batch) finished.add(i);
      while (next < items.length && finished.has(items[next]!)) finished.delete(items[next++]!);
      mostWaiting = Math.max(mostWaiting, finished.size);
    },
    waiting: () => finished.size,
    mostWaiting: () => mostWaiting,
  };
}

describe('dispatchBatches', () => {
  it('runs every item once, in batches, with at most `concurrency` batches at once', async () => {
    const items = Array.from({ length: 103 }, (_, i) => i * 2);
    const seen: number[] = [];
    let running = 0;
    let most = 0;
    await dispatchBatches({
      items, batchSize: 10, concurrency: 3, waiting: () => 0, maxWaiting: 1,
      run: async (batch) => {
        most = Math.max(most, ++running);
        await tick();
        seen.push(...batch);
        running--;
      },
    });
    assert.deepEqual(seen.sort((a, b) => a - b), items);
    assert.equal(most, 3);
  });

  it('stops starting batches while one stalled batch holds finished items back, and goes on once it lands', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const writer = orderedWriter(items);
    const stalled = deferred();
    let started = 0;
    const run = dispatchBatches({
      items, batchSize: 4, concurrency: 3, waiting: writer.waiting, maxWaiting: 20,
      run: async (batch) => {
        started++;
        if (batch[0] === 0) await stalled.promise;
        else await tick();
        writer.finish(batch);
      },
    });
    for (let i = 0; i < 50; i++) await tick();
    // 20 waiting items stop the dispatch; the two batches still running may add 8 more.
    assert.ok(writer.waiting() >= 20 && writer.waiting() <= 28, `${writer.waiting()} items waiting`);
    const startedWhileStalled = started;
    for (let i = 0; i < 50; i++) await tick();
    assert.equal(started, startedWhileStalled, 'no batch starts while the stalled one holds the rest back');
    stalled.resolve();
    await run;
    assert.equal(started, 250);
    assert.equal(writer.waiting(), 0);
    assert.ok(writer.mostWaiting() <= 28);
  });

  it('after a failure starts nothing new, waits for the running batches, and throws the first error', async () => {
    const started: number[] = [];
    const second = deferred();
    let finishedAfterFailure = false;
    const run = dispatchBatches({
      items: Array.from({ length: 100 }, (_, i) => i), batchSize: 10, concurrency: 2, waiting: () => 0, maxWaiting: 1,
      run: async (batch) => {
        started.push(batch[0]!);
        if (batch[0] === 0) throw new Error('page died');
        await second.promise;
        finishedAfterFailure = true;
        throw new Error('a later failure');
      },
    });
    await tick();
    second.resolve();
    await assert.rejects(run, /page died/);
    assert.deepEqual(started, [0, 10]);
    assert.ok(finishedAfterFailure, 'the running batch was waited for');
  });

  it('stops at an abort and resolves once the running batches are done', async () => {
    const controller = new AbortController();
    let started = 0;
    await dispatchBatches({
      items: Array.from({ length: 100 }, (_, i) => i), batchSize: 10, concurrency: 2, waiting: () => 0, maxWaiting: 1, signal: controller.signal,
      run: async () => {
        if (++started === 3) controller.abort();
        await tick();
      },
    });
    assert.equal(started, 3);
  });
});
