import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShareBalance, weightedShares } from '../../src/train/wasm-kernels/share-balance.js';

const counts = (shares: [number, number][]) => shares.map(([, count]) => count);

/** Consecutive, in order, covering [0, total). */
function assertCovers(shares: [number, number][], total: number): void {
  let next = 0;
  for (const [start, count] of shares) {
    assert.equal(start, next);
    next += count;
  }
  assert.equal(next, total);
}

describe('weightedShares', () => {
  test('cuts in proportion to the weights, consecutive and covering every unit', () => {
    const shares = weightedShares(64, [3, 1]);
    assertCovers(shares, 64);
    assert.deepEqual(counts(shares), [48, 16]);
    assert.deepEqual(counts(weightedShares(64, [1, 1])), [32, 32]);
    assert.deepEqual(counts(weightedShares(10, [1, 1, 1])), [3, 4, 3]);
  });

  test('gives every part at least one unit, however skewed the weights', () => {
    for (const weights of [[1000, 1, 1], [1, 1000, 1], [1, 1, 1000], [5, 0.001, 0.001]]) {
      const shares = weightedShares(3, weights);
      assertCovers(shares, 3);
      assert.deepEqual(counts(shares), [1, 1, 1], JSON.stringify(weights));
    }
    assert.deepEqual(counts(weightedShares(2, [1000, 1])), [1, 1]);
    assert.deepEqual(counts(weightedShares(2, [1, 1000])), [1, 1]);
    assert.throws(() => weightedShares(2, [1, 1, 1]), /cannot cut 2 units into 3 parts/);
  });
});

describe('ShareBalance', () => {
  test('cuts evenly until it has seen the work, then in proportion to each thread\'s speed', () => {
    const balance = new ShareBalance();
    assert.deepEqual(counts(balance.shares('conv', 64, 2)), [32, 32]);
    // The helper took twice as long for the same 32 images.
    balance.record('conv', [[0, 32], [32, 32]], [2, 4]);
    assert.deepEqual(counts(balance.shares('conv', 64, 2)), [43, 21]);
    assert.deepEqual(counts(balance.shares('other work', 64, 2)), [32, 32], 'each kind of work learns on its own');
  });

  test('moves a smoothed step towards each new timing, and never past four times the fastest thread', () => {
    const balance = new ShareBalance();
    balance.record('k', [[0, 10], [10, 10]], [10, 10]);
    balance.record('k', [[0, 10], [10, 10]], [10, 50]); // per unit: 1 and 5, smoothed to 1 and 2
    assert.deepEqual(counts(balance.shares('k', 30, 2)), [20, 10]);
    for (let i = 0; i < 50; i++) balance.record('k', [[0, 10], [10, 10]], [10, 1000]);
    assert.deepEqual(counts(balance.shares('k', 50, 2)), [40, 10]);
  });

  test('ignores a call whose timings are missing (a failed part) or not positive', () => {
    const balance = new ShareBalance();
    balance.record('k', [[0, 32], [32, 32]], [3]);
    balance.record('k', [[0, 32], [32, 32]], [3, 0]);
    assert.deepEqual(counts(balance.shares('k', 64, 2)), [32, 32]);
  });
});
