import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argmaxRows, classificationMetrics } from '../../src/eval/classification-metrics.js';
import { equivalentFraction } from '../../src/eval/gap.js';
import { kernelDistance } from '../../src/eval/kid.js';
import { classSlices, flattenParams, independencePValue, parameterSlices } from '../../src/eval/parameter-slices.js';
import { createRng } from '../../src/rng.js';

describe('classificationMetrics', () => {
  it('computes accuracy, per-class precision/recall/F1 and the confusion matrix', () => {
    const m = classificationMetrics([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ['a', 'b', 'c']);
    assert.equal(m.accuracy, 3 / 5);
    assert.deepEqual(m.confusion, [[1, 1, 0], [0, 2, 0], [1, 0, 0]]);
    assert.deepEqual(m.perClass[1], { class: 'b', precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
    assert.deepEqual(m.perClass[2], { class: 'c', precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('takes the most probable class of each row', () => {
    assert.deepEqual([...argmaxRows(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]), 3)], [1, 0]);
  });
});

describe('kernelDistance', () => {
  const sample = (n: number, shift: number, seed: number) => {
    const rng = createRng(seed);
    return Float32Array.from({ length: n * 4 }, () => rng.normal(shift, 1));
  };

  it('is near 0 for two samples of one distribution and grows with a shift', () => {
    const same = kernelDistance(sample(300, 0, 1), sample(300, 0, 2), 4);
    const shifted = kernelDistance(sample(300, 0, 1), sample(300, 1, 2), 4);
    assert.ok(Math.abs(same) < 0.05, `same: ${same}`);
    assert.ok(shifted > 10 * Math.abs(same) && shifted > 0.1, `shifted: ${shifted}`);
  });
});

describe('parameterSlices', () => {
  it('finds the parameter that decides correctness and ranks it first', () => {
    const rng = createRng(4);
    const params = Array.from({ length: 1000 }, () => ({ camera: { elevation: rng.float(0, 90) }, light: rng.float(0, 1), font: rng.pick(['a', 'b']) }));
    const correct = params.map((p) => p.camera.elevation > 45);
    const slices = parameterSlices(params, correct);
    assert.equal(slices[0]!.parameter, 'camera.elevation');
    assert.equal(slices[0]!.bins.length, 5);
    assert.equal(slices[0]!.bins[0]!.accuracy, 0);
    assert.equal(slices[0]!.bins[4]!.accuracy, 1);
    assert.ok(slices.find((s) => s.parameter === 'font')!.spread < 0.15);
    assert.ok(slices[0]!.significant && slices[0]!.pValue < 1e-12, `elevation p ${slices[0]!.pValue}`);
    for (const name of ['font', 'light']) assert.equal(slices.find((s) => s.parameter === name)!.significant, false, `${name} decides nothing`);
  });

  it('puts significant slices first, even when chance gives a noise parameter a wider spread', () => {
    const rng = createRng(5);
    // 60 images: too few for a noise parameter's 5 bins of 12 to mean anything, whatever their spread.
    const params = Array.from({ length: 60 }, (_, i) => ({ side: i % 2 === 0 ? 'left' : 'right', noise: rng.float(0, 1) }));
    const correct = params.map((p) => (p.side === 'left' ? rng.float(0, 1) < 0.95 : rng.float(0, 1) < 0.3));
    const slices = parameterSlices(params, correct, 5, 12);
    assert.equal(slices[0]!.parameter, 'side');
    assert.ok(slices[0]!.significant);
    assert.equal(slices[1]!.significant, false);
  });

  it('gives the chi-square p-value of a two-bin table', () => {
    // 50/100 against 70/100: chi-square 8.33 with one degree of freedom, p = 0.0039.
    const p = independencePValue([{ label: 'a', count: 100, accuracy: 0.5 }, { label: 'b', count: 100, accuracy: 0.7 }]);
    assert.ok(Math.abs(p - 0.0039) < 0.0004, `p ${p}`);
    assert.equal(independencePValue([{ label: 'a', count: 10, accuracy: 1 }, { label: 'b', count: 10, accuracy: 1 }]), 1);
  });

  it('does not slice values inside nested lists (stroke point offsets)', () => {
    const rng = createRng(6);
    const params = Array.from({ length: 200 }, () => ({ objects: [{ width: rng.float(0, 1), offsets: [[rng.float(0, 1), rng.float(0, 1)]] }] }));
    const slices = parameterSlices(params, params.map(() => rng.float(0, 1) < 0.5));
    assert.deepEqual(slices.map((s) => s.parameter), ['objects[0].width']);
  });

  it('slices each class alone, where a value one class always has no longer stands in for the class', () => {
    const rng = createRng(7);
    // Class a's renders are recognised when wide (half of them); class b's nine times in ten whatever
    // their width. Only a has collars pointed, only b hooded: over both classes, the collar looks decisive.
    const labels = Array.from({ length: 1000 }, (_, i) => (i < 600 ? 0 : 1));
    const params = labels.map((k) => ({ width: rng.float(0, 1), collar: k === 0 ? 'pointed' : 'hood' }));
    const predicted = labels.map((k, i) => (k === 0 ? (params[i]!.width > 0.5 ? 0 : rng.pick([1, 2])) : rng.float(0, 1) < 0.9 ? 1 : 2));
    const overAll = parameterSlices(params, predicted.map((p, i) => p === labels[i]));
    assert.ok(overAll.find((s) => s.parameter === 'collar')!.significant, 'over all classes the collar stands in for the class');

    const [a, b, c] = classSlices(params, labels, predicted, ['a', 'b', 'c']);
    assert.equal(c, undefined, 'a class with no images is left out');
    assert.equal(a!.class, 'a');
    assert.equal(a!.images, 600);
    assert.equal(a!.recognised, predicted.filter((p, i) => i < 600 && p === 0).length / 600);
    assert.deepEqual(a!.readAs.map((r) => r.class).sort(), ['b', 'c']);
    assert.equal(a!.readAs.reduce((n, r) => n + r.count, 0), 600 * (1 - a!.recognised));
    assert.ok(a!.readAs[0]!.count >= a!.readAs[1]!.count, 'most often first');
    assert.deepEqual(a!.slices.map((s) => s.parameter), ['width'], 'the collar never varies within a class');
    assert.ok(a!.slices[0]!.significant);
    assert.equal(b!.images, 400);
    assert.deepEqual(b!.readAs.map((r) => r.class), ['c']);
    assert.equal(b!.slices[0]!.significant, false, 'nothing decides b');
  });

  it('flattens nested parameters to paths', () => {
    assert.deepEqual([...flattenParams({ a: { b: 1 }, c: [{ d: 'x' }], e: null })], [['a.b', 1], ['c[0].d', 'x']]);
  });
});

describe('equivalentFraction', () => {
  const curve = [{ realFraction: 0.01, accuracy: 0.8 }, { realFraction: 0.1, accuracy: 0.9 }, { realFraction: 1, accuracy: 0.95 }];
  it('interpolates on the real-only curve in log space', () => {
    assert.ok(Math.abs(equivalentFraction(curve, 0.85)! - Math.sqrt(0.01 * 0.1)) < 1e-9);
    assert.equal(equivalentFraction(curve, 0.9), 0.1);
    assert.equal(equivalentFraction(curve, 0.5), 0.01);
    assert.equal(equivalentFraction(curve, 0.96), null);
  });
});
