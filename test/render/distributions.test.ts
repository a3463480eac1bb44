import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColourDist, NumberDist, numberDistRange, sampleColour, sampleNumber } from '../../src/render/distributions.js';
import { createRng } from '../../src/rng.js';

const many = (dist: unknown, n = 5000) => {
  const parsed = NumberDist.parse(dist);
  const rng = createRng(9);
  return Array.from({ length: n }, () => sampleNumber(parsed, rng));
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('number distributions', () => {
  it('returns constants as they are', () => {
    assert.deepEqual(new Set(many(3.5, 10)), new Set([3.5]));
  });

  it('samples {min, max} uniformly inside the range', () => {
    const xs = many({ min: -1, max: 3 });
    assert.ok(xs.every((x) => x >= -1 && x < 3));
    assert.ok(Math.abs(mean(xs) - 1) < 0.06);
  });

  it('samples {mean, std} normally and clips to min/max', () => {
    const free = many({ mean: 10, std: 2 });
    assert.ok(Math.abs(mean(free) - 10) < 0.1);
    const clipped = many({ mean: 0, std: 5, min: -1, max: 1 });
    assert.ok(clipped.every((x) => x >= -1 && x <= 1));
    assert.ok(clipped.filter((x) => x === 1).length > 1000, 'the clipped tail piles up at max');
  });

  it('samples {choice, weights} by weight', () => {
    const xs = many({ choice: [1, 2], weights: [1, 4] });
    const twos = xs.filter((x) => x === 2).length / xs.length;
    assert.ok(Math.abs(twos - 0.8) < 0.02, `share of 2: ${twos}`);
  });

  it('reports the range a distribution can produce', () => {
    assert.deepEqual(numberDistRange(NumberDist.parse({ min: 1, max: 2 })), [1, 2]);
    assert.deepEqual(numberDistRange(NumberDist.parse({ mean: 0, std: 1 })), [-Infinity, Infinity]);
    assert.deepEqual(numberDistRange(NumberDist.parse({ choice: [4, -2, 9] })), [-2, 9]);
  });

  it('rejects min > max, mismatched weights, and values of the wrong kind', () => {
    const message = (v: unknown) => NumberDist.safeParse(v).error?.issues[0]?.message ?? 'accepted';
    assert.match(message({ min: 5, max: 1 }), /min <= max/);
    assert.match(message({ choice: [1, 2], weights: [1] }), /one weight per choice/);
    assert.match(message('bright'), /expected a number, \{min, max\}/);
    assert.match(message({ min: 0, max: 1, mean: 3 }), /"mean"/);
  });
});

describe('colour distributions', () => {
  it('passes hex colours through, lower-cased', () => {
    assert.equal(sampleColour(ColourDist.parse('#A0B0C0'), createRng(1)), '#a0b0c0');
  });

  it('converts HSV to RGB', () => {
    const rgb = (h: number, s: number, v: number) => sampleColour(ColourDist.parse({ hue: h, saturation: s, value: v }), createRng(1));
    assert.equal(rgb(0, 1, 1), '#ff0000');
    assert.equal(rgb(120, 1, 1), '#00ff00');
    assert.equal(rgb(240, 1, 0.5), '#000080');
    assert.equal(rgb(480, 0, 1), '#ffffff');
  });

  it('samples HSV channels from their distributions', () => {
    const dist = ColourDist.parse({ hue: 0, saturation: 0, value: { min: 0, max: 1 } });
    const rng = createRng(5);
    const greys = Array.from({ length: 200 }, () => sampleColour(dist, rng));
    assert.ok(greys.every((c) => c.slice(1, 3) === c.slice(3, 5) && c.slice(3, 5) === c.slice(5, 7)), 'saturation 0 gives greys');
    assert.ok(new Set(greys).size > 100, 'value varies');
  });
});
