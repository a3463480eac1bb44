import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropPixels, fitCrop } from '../../src/render/fit-crop.js';

describe('fitCrop', () => {
  it('widens the box by the padding to whole pixels, clipped to the frame', () => {
    assert.deepEqual(fitCrop([10, 8, 5, 6], 1.5, 64, 48), { x: 8, y: 6, width: 9, height: 10 });
    assert.deepEqual(fitCrop([1, 2, 5, 6], 4, 8, 10), { x: 0, y: 0, width: 8, height: 10 });
    assert.deepEqual(fitCrop([10, 8, 5, 6], 0, 64, 48), { x: 10, y: 8, width: 5, height: 6 });
  });

  it('is the whole frame when no object is visible', () => {
    assert.deepEqual(fitCrop(null, 3, 64, 48), { x: 0, y: 0, width: 64, height: 48 });
  });
});

describe('cropPixels', () => {
  it('copies the rectangle row by row, every channel', () => {
    const pixels = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i); // 4 wide, 3 high, RGB
    assert.deepEqual([...cropPixels(pixels, 4, 3, { x: 1, y: 1, width: 2, height: 2 })], [15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32]);
  });
});
