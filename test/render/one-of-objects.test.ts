import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SynthError } from '../../src/errors.js';
import { FrameSpec } from '../../src/render/frame-spec.js';
import { loadScene, sceneFromText } from '../../src/render/load-scene.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { repoRoot } from '../helpers.js';

const classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const scene = (objects: unknown[]) => sceneFromText(JSON.stringify({ name: 'o', classes, objects }), 'o.json');

describe('oneOf object entries', () => {
  it('draws one spec per image, as often as its weight, and records which', () => {
    const spec = scene([{ oneOf: [{ kind: 'handwriting', count: 2 }, { kind: 'primitive', shape: 'box' }], weights: [1, 3] }]).spec;
    const root = createRng(2);
    const frames = Array.from({ length: 400 }, (_, i) => FrameSpec.parse(sampleFrame(spec, root, i)));
    for (const f of frames) {
      const option = f.objects[0]!.option;
      // The chosen spec is drawn with its own count: two handwritten digits or one box.
      assert.deepEqual(f.objects.map((o) => [o.kind, o.option]), option === 0 ? [['handwriting', 0], ['handwriting', 0]] : [['primitive', 1]]);
    }
    const first = frames.filter((f) => f.objects[0]!.option === 0).length;
    assert.ok(first > 70 && first < 130, `${first} of 400 drew the spec of weight 1 (expected ~100)`);
  });

  it('is a pure function of seed and index', () => {
    const spec = scene([{ oneOf: [{ kind: 'handwriting' }, { kind: 'primitive', shape: 'box' }] }]).spec;
    assert.deepEqual(sampleFrame(spec, createRng(6), 3), sampleFrame(spec, createRng(6), 3));
    const options = Array.from({ length: 40 }, (_, i) => sampleFrame(spec, createRng(6), i).objects[0]!.option);
    assert.deepEqual(new Set(options), new Set([0, 1]), 'equal weights by default');
  });

  it('samples the chosen spec exactly as the spec alone would', () => {
    const plain = scene([{ kind: 'handwriting' }]).spec;
    const wrapped = scene([{ oneOf: [{ kind: 'handwriting' }] }]).spec;
    for (let i = 0; i < 20; i++) {
      const a = sampleFrame(plain, createRng(1), i);
      const b = sampleFrame(wrapped, createRng(1), i);
      assert.deepEqual(b, { ...a, objects: a.objects.map((o) => ({ ...o, option: 0 })) });
    }
  });

  it('keeps the digits scene\'s font glyphs, loaded from inside its oneOf, and blends them with strokes', () => {
    const digits = loadScene(`${repoRoot}/scenes/digits.yaml`);
    assert.equal(Object.keys(digits.glyphs).length, 40);
    const root = createRng(1);
    const kinds = Array.from({ length: 200 }, (_, i) => sampleFrame(digits.spec, root, i).objects[0]!.kind);
    const glyphs = kinds.filter((k) => k === 'glyph').length;
    assert.ok(glyphs > 70 && glyphs < 130, `${glyphs} glyphs of 200`);
    assert.equal(glyphs + kinds.filter((k) => k === 'handwriting').length, 200);
  });

  it('names the entry, the spec and the problem', () => {
    const refused = (objects: unknown[]): string => {
      try {
        scene(objects);
      } catch (error) {
        assert.ok(error instanceof SynthError);
        return String(error.details);
      }
      assert.fail('expected the scene to be refused');
    };
    assert.match(refused([{ oneOf: [{ kind: 'handwriting' }, { kind: 'handwriting' }], weights: [1] }]), /objects\[0\]\.weights: expected one weight per choice \(2\), got \[1\]/);
    assert.match(refused([{ oneOf: [{ kind: 'handwriting' }], weights: [0] }]), /objects\[0\]\.weights: expected at least one weight > 0/);
    assert.match(refused([{ oneOf: [{ kind: 'handwriting' }, { kind: 'handwriting', class: 'x' }] }]), /objects\[0\]\.oneOf\[1\]\.class: expected one of the scene classes/);
    assert.match(refused([{ oneOf: [{ kind: 'handwritng' }] }]), /objects\[0\]\.oneOf\[0\]\.kind: expected an object with kind "glyph", "handwriting"/);
    assert.match(refused([{ kind: 'glyph', fontz: ['a.woff'] }]), /objects\[0\]: unknown key "fontz"/);
    assert.match(refused([{ kind: 'handwritng' }]), /objects\[0\]\.kind: expected an object with kind .*, or \{oneOf: \[objects\], weights\}/);
    assert.match(refused([{ oneOf: [{ oneOf: [{ kind: 'handwriting' }] }] }]), /objects\[0\]\.oneOf\[0\]\.kind: expected an object with kind "glyph", "handwriting", "primitive", "model" or "product", got nothing/);
    assert.match(refused([{ oneOf: [{ kind: 'glyph', fonts: ['missing.woff'] }] }]), /objects\[0\]\.oneOf\[0\]\.fonts\[0\]: font file not found/);
  });
});
