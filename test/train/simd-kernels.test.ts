import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simdKernels } from '../../src/train/wasm-kernels/simd-kernels.js';
import { createRng } from '../../src/rng.js';

// The hand-assembled kernels against plain loops, on shapes with odd sizes and tails, in both a
// shared and a plain memory; a guard value after each output must survive (no stray writes).

const GUARD = 12345;

for (const shared of [false, true]) {
  const memory = new WebAssembly.Memory(shared ? { initial: 64, maximum: 65536, shared: true } : { initial: 64 });
  const kernels = simdKernels(memory);
  let next = 256;
  const alloc = (length: number) => {
    const array = new Float32Array(memory.buffer, next, length + 1);
    next += (length + 1) * 4 + 64;
    array[length] = GUARD;
    return array.subarray(0, length);
  };
  const guarded = (a: Float32Array) => new Float32Array(memory.buffer, a.byteOffset + a.byteLength, 1)[0] === GUARD;
  const rng = createRng(shared ? 2 : 1);
  const fill = (a: Float32Array) => a.forEach((_, i) => (a[i] = rng.float(-1, 1)));

  test(`im2colTap and col2im (${shared ? 'shared' : 'plain'} memory)`, () => {
    assert.ok(kernels);
    for (const [planes, h, w, kh, kw, top, left] of [[3, 7, 7, 3, 3, 0, 0], [5, 9, 8, 3, 2, 1, 0], [2, 6, 7, 3, 3, 1, 1], [4, 5, 13, 5, 5, 2, 2]] as const) {
      const [oh, ow] = [h + 2 * top - kh + 1, w + 2 * left - kw + 1];
      next = 256;
      const src = alloc(planes * h * w);
      fill(src);
      const dst = alloc(kh * kw * planes * oh * ow);
      const expected: number[] = [];
      let at = dst.byteOffset;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          for (let p = 0; p < planes; p++) {
            for (let y = 0; y < oh; y++) {
              for (let x = 0; x < ow; x++) {
                const [r, c] = [y + i - top, x + j - left];
                expected.push(r >= 0 && r < h && c >= 0 && c < w ? src[(p * h + r) * w + c]! : 0);
              }
            }
          }
          const x0 = Math.min(ow, Math.max(0, left - j));
          const x1 = Math.max(x0, Math.min(ow, w + left - j));
          kernels.im2colTap(at, src.byteOffset, planes, h, w, oh, ow, i - top, j - left, x0, x1);
          at += planes * oh * ow * 4;
        }
      }
      assert.deepEqual(Array.from(dst), expected);
      assert.ok(guarded(dst));

      // col2im on NHWC: n images of h×w×c from patch rows of kh·kw·c.
      const [n, c] = [2, planes];
      const cols = alloc(n * oh * ow * kh * kw * c);
      fill(cols);
      const dx = alloc(n * h * w * c).fill(0);
      const sums = new Float64Array(dx.length);
      for (let b = 0; b < n; b++) {
        for (let y = 0; y < oh; y++) {
          for (let x = 0; x < ow; x++) {
            for (let i = 0; i < kh; i++) {
              for (let j = 0; j < kw; j++) {
                const [r, q] = [y + i - top, x + j - left];
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                for (let k = 0; k < c; k++) {
                  const at = ((b * h + r) * w + q) * c + k;
                  sums[at] = sums[at]! + cols[(((b * oh + y) * ow + x) * kh * kw + i * kw + j) * c + k]!;
                }
              }
            }
          }
        }
      }
      kernels.col2im(dx.byteOffset, cols.byteOffset, n, h, w, c, oh, ow, kh, kw, top, left);
      dx.forEach((v, i) => assert.ok(Math.abs(v - sums[i]!) < 1e-5, `col2im ${i}: ${v} vs ${sums[i]}`));
      assert.ok(guarded(dx));
    }
  });

  test(`maxPoolGrad2x2 writes the windows and nothing else (${shared ? 'shared' : 'plain'} memory)`, () => {
    assert.ok(kernels);
    next = 256;
    const [n, h, w, c] = [2, 5, 7, 8]; // odd height and width: the last row and column are in no window
    const [oh, ow] = [2, 3];
    const x = alloc(n * h * w * c);
    fill(x);
    x[3] = NaN;
    const dy = alloc(n * oh * ow * c);
    fill(dy);
    const dx = alloc(n * h * w * c);
    dx.fill(-7);
    kernels.maxPoolGrad2x2(dx.byteOffset, x.byteOffset, dy.byteOffset, 0, n, h, w, c, oh, ow);
    for (let b = 0; b < n; b++) {
      for (let r = 0; r < h; r++) {
        for (let q = 0; q < w; q++) {
          for (let k = 0; k < c; k++) {
            const at = ((b * h + r) * w + q) * c + k;
            if (r >= 2 * oh || q >= 2 * ow) {
              assert.equal(dx[at], -7, 'a cell outside every window was written');
              continue;
            }
            const [y, z] = [r >> 1, q >> 1];
            let best = -Infinity;
            let winner = -1;
            for (const [dr, dq] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) {
              const cell = ((b * h + 2 * y + dr) * w + 2 * z + dq) * c + k;
              if (x[cell]! > best) [best, winner] = [x[cell]!, cell];
            }
            assert.equal(dx[at], at === winner ? dy[((b * oh + y) * ow + z) * c + k] : 0);
          }
        }
      }
    }
    assert.ok(guarded(dx));
  });
  test(`matMul: every entry summed in order of k, rounded as float32, on odd and tail shapes (${shared ? 'shared' : 'plain'} memory)`, () => {
    assert.ok(kernels);
    for (const [m, k, n] of [[1, 1, 4], [2, 3, 16], [5, 7, 20], [6, 33, 36], [3, 17, 4], [7, 64, 64], [0, 5, 8]] as const) {
      next = 256;
      const a = alloc(m * k);
      const b = alloc(k * n);
      fill(a);
      fill(b);
      a[0] = k > 0 && m > 0 ? -0 : 0;
      const c = alloc(m * n).fill(99);
      kernels.matMul(c.byteOffset, a.byteOffset, b.byteOffset, m, k, n);
      const expected = new Float32Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let q = 0; q < k; q++) sum = Math.fround(sum + Math.fround(a[i * k + q]! * b[q * n + j]!));
          expected[i * n + j] = sum;
        }
      }
      assert.deepEqual(c, expected, `${m}×${k} · ${k}×${n}`);
      assert.ok(guarded(c));
    }
  });
  test(`convolve: images [n0, n1) only, summed in im2col's order, an odd last pixel (${shared ? 'shared' : 'plain'} memory)`, () => {
    assert.ok(kernels);
    for (const [n, h, wi, ci, co, kh, kw] of [[3, 6, 7, 3, 16, 3, 2], [2, 5, 5, 1, 32, 3, 3], [2, 4, 8, 5, 16, 1, 4]] as const) {
      const [oh, ow] = [h - kh + 1, wi - kw + 1];
      next = 256;
      const x = alloc(n * h * wi * ci);
      const w = alloc(kh * kw * ci * co);
      fill(x);
      fill(w);
      const y = alloc(n * oh * ow * co).fill(-7);
      kernels.convolve(y.byteOffset, x.byteOffset, w.byteOffset, 1, n, h, wi, ci, oh, ow, co, kh, kw);
      for (let b = 0; b < n; b++) {
        for (let p = 0; p < oh * ow; p++) {
          for (let o = 0; o < co; o++) {
            const at = (b * oh * ow + p) * co + o;
            if (b < 1) {
              assert.equal(y[at], -7, 'an image outside [n0, n1) was written');
              continue;
            }
            const [r, q] = [Math.floor(p / ow), p % ow];
            let sum = 0;
            for (let i = 0; i < kh; i++) {
              for (let j = 0; j < kw; j++) {
                for (let c = 0; c < ci; c++) sum = Math.fround(sum + Math.fround(x[((b * h + r + i) * wi + q + j) * ci + c]! * w[((i * kw + j) * ci + c) * co + o]!));
              }
            }
            assert.equal(y[at], sum, `${n}×${h}×${wi}×${ci} → ${co}, ${kh}×${kw}: image ${b}, pixel ${p}, channel ${o}`);
          }
        }
      }
      assert.ok(guarded(y));
    }
  });
}
