import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../src/rng.js';

const draw = (seed: number, n = 5) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.float());
};

describe('createRng', () => {
  it('gives the same stream for the same seed, and a different one for another seed', () => {
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });

  it('treats seed 0 as a seed like any other', () => {
    assert.deepEqual(draw(0), draw(0));
    assert.notDeepEqual(draw(0), draw(1));
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) assert.throws(() => createRng(bad), RangeError);
  });

  it('forks independently of how much the parent has drawn', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) b.float();
    assert.deepEqual(a.fork(3).fork('camera').float(), b.fork(3).fork('camera').float());
  });

  it('gives different streams for different fork labels, including 1 and "1"', () => {
    const root = createRng(7);
    const values = [root.fork(1), root.fork('1'), root.fork(2), root.fork('camera')].map((r) => r.float());
    assert.equal(new Set(values).size, values.length);
  });

  it('draws uniform floats with the right mean and range', () => {
    const rng = createRng(1);
    const xs = Array.from({ length: 20000 }, () => rng.float(2, 4));
    assert.ok(xs.every((x) => x >= 2 && x < 4));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 3) < 0.02, `mean ${mean}`);
  });

  it('draws normals with the right mean and standard deviation', () => {
    const rng = createRng(2);
    const xs = Array.from({ length: 20000 }, () => rng.normal(5, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    assert.ok(Math.abs(mean - 5) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(std - 2) < 0.05, `std ${std}`);
  });

  it('draws integers over the whole inclusive range', () => {
    const rng = createRng(3);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(-2, 2)));
    assert.deepEqual([...seen].sort(), [-1, -2, 0, 1, 2]);
  });

  it('picks by weight, and never an item of weight 0', () => {
    const rng = createRng(4);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10000; i++) counts[rng.pick(['a', 'b', 'c'] as const, [1, 3, 0])]++;
    assert.equal(counts.c, 0);
    assert.ok(Math.abs(counts.b / 10000 - 0.75) < 0.02, JSON.stringify(counts));
  });
});
