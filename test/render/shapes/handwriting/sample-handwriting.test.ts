import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberDistRange } from '../../../../src/render/distributions.js';
import { DIGIT_TEMPLATES, HandwritingStyle, sampleHandwriting, templatesOf } from '../../../../src/render/shapes/handwriting/index.js';
import { STYLE_NUMBERS } from '../../../../src/render/shapes/handwriting/handwriting-style.js';
import { zodIssueLines } from '../../../../src/errors.js';
import { createRng } from '../../../../src/rng.js';

const style = HandwritingStyle.parse({});

describe('sampleHandwriting', () => {
  it('gives deep-equal parameters for the same seed, fork and digit', () => {
    assert.deepEqual(sampleHandwriting(style, createRng(7).fork(3), 4), sampleHandwriting(style, createRng(7).fork(3), 4));
  });

  it('does not depend on what the generator drew before', () => {
    const root = createRng(7);
    const alone = sampleHandwriting(style, root.fork(9), 2);
    for (let i = 0; i < 9; i++) sampleHandwriting(style, root.fork(i), i % 10);
    root.float();
    assert.deepEqual(sampleHandwriting(style, root.fork(9), 2), alone);
  });

  it('varies with the fork and the seed', () => {
    const a = sampleHandwriting(style, createRng(7).fork(1), 5);
    assert.notDeepEqual(a, sampleHandwriting(style, createRng(7).fork(2), 5));
    assert.notDeepEqual(a, sampleHandwriting(style, createRng(8).fork(1), 5));
  });

  it('keeps every sampled number within the range its distribution declares', () => {
    const narrow = HandwritingStyle.parse({ slant: { min: -5, max: 5 }, width: { mean: 0.1, std: 0.5, min: 0.08, max: 0.12 } });
    for (const s of [style, narrow]) {
      for (let i = 0; i < 500; i++) {
        const p = sampleHandwriting(s, createRng(1).fork(i), i % 10);
        for (const key of STYLE_NUMBERS) {
          const [lo, hi] = numberDistRange(s[key]);
          assert.ok(p[key] >= lo && p[key] <= hi, `${key} = ${p[key]} outside [${lo}, ${hi}]`);
        }
        assert.equal(p.digit, i % 10);
        assert.ok(templatesOf(i % 10).some((t) => t.name === p.template));
        const template = DIGIT_TEMPLATES.find((t) => t.name === p.template)!;
        assert.deepEqual(p.offsets.map((o) => o.length), template.strokes.map((st) => st.points.length));
      }
    }
  });

  it('uses every template of a digit, and only those with weight when weights are given', () => {
    const seen = new Set(Array.from({ length: 400 }, (_, i) => sampleHandwriting(style, createRng(2).fork(i), 4).template));
    assert.deepEqual([...seen].sort(), templatesOf(4).map((t) => t.name).sort());
    const onlyClosed = HandwritingStyle.parse({ templates: { '4-open': 0, '4-lean': 0 } });
    for (let i = 0; i < 50; i++) assert.equal(sampleHandwriting(onlyClosed, createRng(2).fork(i), 4).template, '4-closed');
  });

  it('draws a template of weight 0 only where the style gives it a weight', () => {
    const optIn = DIGIT_TEMPLATES.filter((t) => t.weight === 0);
    assert.ok(optIn.length > 0);
    const drawn = (s: HandwritingStyle, digit: number) => new Set(Array.from({ length: 300 }, (_, i) => sampleHandwriting(s, createRng(3).fork(i), digit).template));
    for (const template of optIn) {
      assert.ok(!drawn(style, template.digit).has(template.name), `${template.name} drawn by default`);
      assert.ok(drawn(HandwritingStyle.parse({ templates: { [template.name]: 1 } }), template.digit).has(template.name), `${template.name} not drawn when asked for`);
    }
  });

  it('rejects unknown templates and out-of-bounds distributions with the field path', () => {
    const bad = HandwritingStyle.safeParse({ templates: { '4-crossed': 1 }, width: { min: 0, max: 0.2 }, slant: 60 });
    assert.equal(bad.success, false);
    const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['slant', 'templates.4-crossed', 'width']);
    const line = zodIssueLines(bad.error!, { templates: { '4-crossed': 1 } }).find((l) => l.includes('4-crossed'));
    assert.match(line ?? '', /: unknown template "4-crossed"; known: [^,]+, .*[^,]$/);
    assert.doesNotMatch(line ?? '', /got/, 'the value at the path is the weight, not the key');
    assert.throws(() => sampleHandwriting(style, createRng(0), 10), /no handwriting template for digit 10/);
  });
});
