import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instanceStats } from '../../src/label/instance-stats.js';

describe('instanceStats', () => {
  it('counts pixels and finds tight boxes per instance and for all together', () => {
    const [w, h] = [8, 6];
    const ids = new Uint8Array(w * h);
    const paint = (id: number, x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) ids[y * w + x] = id;
    };
    paint(1, 1, 1, 3, 2);
    paint(2, 5, 3, 6, 5);
    const { instances, all } = instanceStats(ids, w, h, 3);
    assert.deepEqual(instances[0], { pixels: 6, box: [1, 1, 3, 2] });
    assert.deepEqual(instances[1], { pixels: 6, box: [5, 3, 2, 3] });
    assert.deepEqual(instances[2], { pixels: 0, box: null });
    assert.deepEqual(all, { pixels: 12, box: [1, 1, 6, 5] });
  });

  it('gives no box when nothing is visible', () => {
    assert.deepEqual(instanceStats(new Uint8Array(16), 4, 4, 1).all, { pixels: 0, box: null });
  });
});
