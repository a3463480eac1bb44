import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonzeroRect, pickIndices, pickPixels } from '../../src/render/subsample.js';

describe('pickIndices', () => {
  it('takes the source pixel under each output pixel\'s centre, skipping the rest', () => {
    assert.deepEqual(pickIndices(7, 3), [1, 3, 5]);
    assert.deepEqual(pickIndices(73, 28).slice(0, 6), [1, 3, 6, 9, 11, 14]);
    assert.deepEqual(pickIndices(5, 5), [0, 1, 2, 3, 4], 'the same size is the identity');
    assert.deepEqual(pickIndices(9, 1), [4]);
  });
});

describe('pickPixels', () => {
  it('copies exactly the picked columns and rows, every channel, and no value that was not in the source', () => {
    const grey = Uint8Array.from({ length: 6 * 4 }, (_, i) => 10 * Math.floor(i / 6) + (i % 6) + 1); // 6 wide, 4 high
    const picked = pickPixels(grey, 6, 1, pickIndices(6, 3), pickIndices(4, 2));
    assert.deepEqual([...picked], [12, 14, 16, 32, 34, 36]);
    const source = new Set(grey);
    assert.ok([...pickPixels(grey, 6, 1, pickIndices(6, 4), pickIndices(4, 3))].every((v) => source.has(v)));

    const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => i); // 3 wide, 2 high
    assert.deepEqual([...pickPixels(rgb, 3, 3, [2, 0], [1])], [15, 16, 17, 9, 10, 11]);
  });
});

describe('nonzeroRect', () => {
  it('bounds the pixels with any nonzero channel', () => {
    const grey = new Uint8Array(5 * 4);
    grey[1 * 5 + 3] = 7;
    grey[2 * 5 + 1] = 1;
    assert.deepEqual(nonzeroRect(grey, 5, 4, 1), { x: 1, y: 1, width: 3, height: 2 });
    const rgb = new Uint8Array(2 * 2 * 3);
    rgb[(1 * 2 + 1) * 3 + 2] = 9; // only the blue channel of the last pixel
    assert.deepEqual(nonzeroRect(rgb, 2, 2, 3), { x: 1, y: 1, width: 1, height: 1 });
  });

  it('is null for an all-black image', () => {
    assert.equal(nonzeroRect(new Uint8Array(12), 4, 3, 1), null);
  });
});
