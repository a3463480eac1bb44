import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SynthError } from '../../src/errors.js';
import { FrameSpec } from '../../src/render/frame-spec.js';
import { sceneFromText } from '../../src/render/load-scene.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { TEMPLATE_NAMES } from '../../src/render/shapes/handwriting/index.js';
import { createRng } from '../../src/rng.js';

const scene = (objects: unknown[], classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) =>
  sceneFromText(JSON.stringify({ name: 'h', classes, objects }), 'h.json');

function problems(objects: unknown[], classes?: string[]): string {
  try {
    scene(objects, classes);
  } catch (error) {
    assert.ok(error instanceof SynthError);
    return String(error.details);
  }
  assert.fail('expected the scene to be refused');
}

describe('handwriting objects', () => {
  it('fills in the default style and size', () => {
    const [object] = scene([{ kind: 'handwriting' }]).spec.objects;
    assert.ok(object && 'kind' in object && object.kind === 'handwriting');
    assert.equal(object.size, 1);
    assert.deepEqual(object.style.slant, { mean: 6, std: 10, min: -20, max: 32 });
  });

  it('samples a digit of the class with scalar params the manifest can slice by', () => {
    const spec = scene([{ kind: 'handwriting', size: { min: 0.8, max: 1.2 }, style: { slant: { min: 5, max: 15 } } }]).spec;
    const root = createRng(4);
    const objects = Array.from({ length: 200 }, (_, i) => FrameSpec.parse(sampleFrame(spec, root, i)).objects[0]!);
    for (const o of objects) {
      assert.ok(o.kind === 'handwriting');
      assert.equal(o.handwriting.digit, o.label);
      assert.equal(o.class, String(o.label));
      assert.ok(o.handwriting.template.startsWith(`${o.label}-`) && TEMPLATE_NAMES.includes(o.handwriting.template));
      assert.ok(o.handwriting.slant >= 5 && o.handwriting.slant <= 15);
      assert.ok(o.size >= 0.8 && o.size <= 1.2);
      assert.equal(o.samplesPerSegment, 8);
    }
    assert.ok(new Set(objects.map((o) => (o.kind === 'handwriting' ? o.handwriting.template : ''))).size >= 30, 'templates vary');
  });

  it('is a pure function of seed and index', () => {
    const spec = scene([{ kind: 'handwriting' }]).spec;
    assert.deepEqual(sampleFrame(spec, createRng(9), 5), sampleFrame(spec, createRng(9), 5));
    const [a, b] = [sampleFrame(spec, createRng(9), 5).objects[0]!, sampleFrame(spec, createRng(9), 6).objects[0]!];
    assert.ok(a.kind === 'handwriting' && b.kind === 'handwriting');
    assert.notDeepEqual(a.handwriting, b.handwriting);
  });

  it('maps other class names to digits, and refuses a class that names none', () => {
    const mapped = scene([{ kind: 'handwriting', digits: { seven: 7 } }], ['seven']).spec;
    const o = sampleFrame(mapped, createRng(1), 0).objects[0]!;
    assert.ok(o.kind === 'handwriting');
    assert.equal(o.handwriting.digit, 7);
    assert.match(problems([{ kind: 'handwriting' }], ['7', 'cat']), /objects\[0\]\.digits: class "cat" is not a digit; map it in digits: \{cat: <0-9>\}/);
    assert.match(problems([{ kind: 'handwriting', style: { slnt: 3 } }]), /objects\[0\]\.style: unknown key "slnt"/);
    assert.match(problems([{ kind: 'handwriting', digits: { '1': 12 } }]), /objects\[0\]\.digits\.1: .*<=9/i);
  });
});
