import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { learningRateAt } from '../../src/train/learning-rate.js';

describe('learningRateAt', () => {
  it('keeps a constant rate', () => {
    assert.deepEqual([0, 50, 99].map((s) => learningRateAt('constant', 1e-3, s, 100)), [1e-3, 1e-3, 1e-3]);
  });

  it('decays along half a cosine from the base rate towards 0', () => {
    assert.equal(learningRateAt('cosine', 1e-3, 0, 100), 1e-3);
    assert.ok(Math.abs(learningRateAt('cosine', 1e-3, 50, 100) - 5e-4) < 1e-12, 'half the rate half way');
    const last = learningRateAt('cosine', 1e-3, 99, 100);
    assert.ok(last > 0 && last < 1e-6, `the last step is near 0 (${last})`);
    const rates = Array.from({ length: 100 }, (_, s) => learningRateAt('cosine', 1e-3, s, 100));
    assert.ok(rates.every((r, i) => i === 0 || r < rates[i - 1]!), 'strictly falling');
  });
});
