import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameSpec } from '../../src/render/frame-spec.js';
import { loadScene, sceneFromText } from '../../src/render/load-scene.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { repoRoot } from '../helpers.js';

const scene = loadScene(`${repoRoot}/scenes/digits.yaml`).spec;

describe('sampleFrame', () => {
  it('gives deep-equal frames for the same seed and index', () => {
    assert.deepEqual(sampleFrame(scene, createRng(7), 12), sampleFrame(scene, createRng(7), 12));
  });

  it('does not depend on which frames were sampled before', () => {
    const alone = sampleFrame(scene, createRng(7), 40);
    const root = createRng(7);
    for (let i = 0; i < 40; i++) sampleFrame(scene, root, i);
    assert.deepEqual(sampleFrame(scene, root, 40), alone);
  });

  it('varies with the index and with the seed', () => {
    const a = sampleFrame(scene, createRng(7), 1);
    assert.notDeepEqual(a.camera, sampleFrame(scene, createRng(7), 2).camera);
    assert.notDeepEqual(a.camera, sampleFrame(scene, createRng(8), 1).camera);
  });

  it('produces concrete frames that satisfy the FrameSpec schema and the scene ranges', () => {
    const root = createRng(3);
    const frames = Array.from({ length: 300 }, (_, i) => FrameSpec.parse(sampleFrame(scene, root, i)));
    for (const f of frames) {
      assert.ok(f.camera.elevation >= 62 && f.camera.elevation <= 90);
      assert.ok(f.camera.roll >= -18 && f.camera.roll <= 18);
      const digit = f.objects[0]!;
      assert.equal(digit.class, scene.classes[digit.label]);
      if (digit.kind === 'glyph') assert.equal(digit.text, digit.class);
      else assert.ok(digit.kind === 'handwriting' && digit.handwriting.digit === digit.label);
    }
    assert.equal(new Set(frames.map((f) => f.objects[0]!.class)).size, 10, 'every class appears');
    assert.ok(new Set(frames.map((f) => (f.objects[0]!.kind === 'glyph' ? f.objects[0]!.font : ''))).size >= 30, 'fonts vary');
  });

  it('never draws a font excluded for a class, and draws the other classes as before', () => {
    const [a, b] = ['npm:@fontsource/roboto/files/roboto-latin-400-normal.woff', 'npm:@fontsource/lato/files/lato-latin-400-normal.woff'];
    const text = (extra: string) => `
name: t
classes: ["0", "1", "7"]
objects:
  - kind: glyph
    fonts: [${a}, ${b}]${extra}
`;
    const plain = sceneFromText(text(''), `${repoRoot}/scenes/t.yaml`).spec;
    const excluding = sceneFromText(text(`\n    excludeFonts: { "7": [${a}] }`), `${repoRoot}/scenes/t.yaml`).spec;
    let sevens = 0;
    for (let i = 0; i < 300; i++) {
      const [before, after] = [sampleFrame(plain, createRng(5), i), sampleFrame(excluding, createRng(5), i)];
      const glyph = after.objects[0]!;
      assert.ok(glyph.kind === 'glyph');
      if (glyph.class === '7') {
        sevens++;
        assert.equal(glyph.font, b);
      } else {
        assert.deepEqual(after, before);
      }
    }
    assert.ok(sevens > 60, `${sevens} sevens`);
  });
});
