import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compressRle, decodeRle, decompressRle, encodeInstances, encodeMask } from '../../src/label/rle.js';
import { SynthError } from '../../src/errors.js';
import { createRng } from '../../src/rng.js';

/** Row-major mask from rows of 0/1. */
function mask(rows: number[][]): Uint8Array {
  return Uint8Array.from(rows.flat());
}

describe('COCO RLE', () => {
  it('encodes a 3×3 mask as pycocotools does, by hand', () => {
    // Columns top to bottom: 0 0 0 | 1 1 0 | 0 1 0 → runs 3 zeros, 2 ones, 2 zeros, 1 one, 1 zero.
    const rle = encodeMask(mask([[0, 1, 0], [0, 1, 1], [0, 0, 0]]), 3, 3);
    assert.deepEqual(rle, { size: [3, 3], counts: [3, 2, 2, 1, 1] });
    // 3, 2, 2 as single characters '3' '2' '2'; then 1 - 2 = -1 and 1 - 2 = -1: group 31 with no
    // continuation, 48 + 31 = 'O'.
    assert.deepEqual(compressRle(rle), { size: [3, 3], counts: '322OO' });
  });

  it('starts with a zero count when the first pixel is set, and ends with the last run', () => {
    assert.deepEqual(encodeMask(mask([[1, 1], [1, 1]]), 2, 2).counts, [0, 4]);
    assert.deepEqual(encodeMask(mask([[0, 0], [0, 0]]), 2, 2).counts, [4]);
    assert.deepEqual(encodeMask(mask([[1, 0], [0, 0]]), 2, 2).counts, [0, 1, 3]);
  });

  it('matches pycocotools on counts that need several characters and negative differences', () => {
    // 40: group 8 with a continuation (48 + 8 + 32 = 'X'), then 1 ('1'). The fourth count is stored
    // as 2 - 40 = -38: group 26 continued ('j'), then -2 → group 30, sign set, no continuation ('N').
    assert.equal(compressRle({ size: [43, 1], counts: [0, 40, 1, 2] }).counts, '0X11jN');
    // A 10×12 mask with rows 2..8 and columns 3..10 set: 32 ('P1'), 7, 3, then differences of 0 and a last 11 - 3 = 8.
    const block = new Uint8Array(120);
    for (let y = 2; y <= 8; y++) for (let x = 3; x <= 10; x++) block[y * 12 + x] = 1;
    const rle = encodeMask(block, 12, 10);
    assert.deepEqual(rle.counts, [32, 7, 3, 7, 3, 7, 3, 7, 3, 7, 3, 7, 3, 7, 3, 7, 11]);
    assert.equal(compressRle(rle).counts, 'P17300000000000008');
    // Larger numbers (checked against pycocotools 2.0.11's frPyObjects).
    assert.equal(compressRle({ size: [100, 100], counts: [5000, 1, 4000, 999] }).counts, 'Xl41Pm3Vo0');
    assert.deepEqual(decompressRle({ size: [100, 100], counts: 'Xl41Pm3Vo0' }).counts, [5000, 1, 4000, 999]);
  });

  it('round-trips random masks in both forms', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 300; trial++) {
      const r = rng.fork(trial);
      const [w, h] = [r.int(1, 40), r.int(1, 40)];
      const density = r.float();
      const m = new Uint8Array(w * h);
      // Blobs and speckle, so runs of every length appear.
      for (let b = r.int(0, 4); b > 0; b--) {
        const [x0, y0] = [r.int(0, w - 1), r.int(0, h - 1)];
        const [x1, y1] = [r.int(x0, w - 1), r.int(y0, h - 1)];
        for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) m[y * w + x] = 1;
      }
      for (let i = 0; i < m.length; i++) if (r.bool(density * 0.2)) m[i] = r.int(0, 1);
      const rle = encodeMask(m, w, h);
      assert.equal(rle.counts.reduce((s, c) => s + c, 0), w * h);
      assert.deepEqual(decodeRle(rle), m, `uncompressed, trial ${trial}`);
      const compressed = compressRle(rle);
      assert.deepEqual(decompressRle(compressed), rle, `compressed counts, trial ${trial}`);
      assert.deepEqual(decodeRle(compressed), m, `compressed, trial ${trial}`);
    }
  });

  it('encodes every instance of a label map in one pass, as masks of each value', () => {
    const rng = createRng(11);
    const [w, h] = [23, 17];
    const labels = Uint8Array.from({ length: w * h }, () => rng.int(0, 5));
    const rles = encodeInstances(labels, w, h, [1, 3, 5, 200]);
    [1, 3, 5, 200].forEach((v, i) => assert.deepEqual(rles[i], encodeMask(labels.map((l) => (l === v ? 1 : 0)), w, h), `value ${v}`));
    assert.deepEqual(rles[3]!.counts, [w * h], 'an absent value is all zeros');
  });

  it('refuses counts that do not cover the mask, and malformed strings', () => {
    assert.throws(() => decodeRle({ size: [2, 2], counts: [1, 2] }), (e: unknown) => e instanceof SynthError && /cover 3 pixels.*size \[2, 2\] has 4/.test(e.message));
    assert.throws(() => decompressRle({ size: [2, 2], counts: 'X' }), /ends inside a number/);
    assert.throws(() => decompressRle({ size: [2, 2], counts: '3~' }), /not in 0\.\.o/);
  });
});
