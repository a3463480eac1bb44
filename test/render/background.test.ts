import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackgroundSpec, FrameBackground, sampleBackground } from '../../src/render/background/background.js';
import { sampleColour } from '../../src/render/distributions.js';
import type { FrameLight } from '../../src/render/frame-spec.js';
import { sceneFromText } from '../../src/render/load-scene.js';
import { createRng } from '../../src/rng.js';
import { SynthError } from '../../src/errors.js';
import { repoRoot } from '../helpers.js';

const folders = { bg: ['bg/a.png', 'bg/b.png'] };
const sky: FrameLight = {
  type: 'sky', time: 12, overcast: 0, azimuth: 0, noonElevation: 60, intensity: 1,
  sun: { elevation: 60, azimuth: 90, intensity: 3, colour: '#ffffff' },
  sky: { intensity: 1, colour: '#aaccff', ground: '#333333' }, horizon: '#c0d0e0', zenith: '#3050a0', shadow: null,
};

function draw(input: unknown, n = 3000): FrameBackground[] {
  const spec = BackgroundSpec.parse(input);
  const root = createRng(5);
  return Array.from({ length: n }, (_, i) => FrameBackground.parse(sampleBackground(spec, root.fork(i), folders, [sky])));
}

describe('background sampling', () => {
  it('keeps colour configs working, with the colours they gave before backgrounds had kinds', () => {
    const hsv = { hue: { min: 0, max: 360 }, saturation: { min: 0, max: 0.3 }, value: { min: 0, max: 0.15 } };
    for (const spec of ['#12AB34', hsv, { choice: ['#000000', '#ffffff'], weights: [1, 3] }]) {
      const rng = createRng(9).fork('background');
      assert.deepEqual(sampleBackground(BackgroundSpec.parse(spec), rng, {}, []), { type: 'solid', colour: sampleColour(BackgroundSpec.parse(spec) as never, createRng(9).fork('background')) });
    }
  });

  it('chooses between kinds by weight', () => {
    const backgrounds = draw({
      choice: ['#000000', { type: 'gradient', colours: ['#000000', '#ffffff'] }, { type: 'image', folder: 'bg' }, { type: 'sky' }, { type: 'noise' }],
      weights: [1, 2, 3, 0, 4],
    }, 5000);
    const expected: Record<string, number> = { solid: 0.1, gradient: 0.2, image: 0.3, sky: 0, noise: 0.4 };
    for (const [type, p] of Object.entries(expected)) {
      const got = backgrounds.filter((b) => b.type === type).length / backgrounds.length;
      assert.ok(Math.abs(got - p) < 0.025, `${type}: ${got}, expected ${p}`);
    }
    const files = backgrounds.flatMap((b) => (b.type === 'image' ? [b.file] : []));
    assert.ok(Math.abs(files.filter((f) => f === 'bg/a.png').length / files.length - 0.5) < 0.05, 'images picked uniformly');
  });

  it('samples gradient colours and angles within their distributions', () => {
    for (const b of draw({ type: 'gradient', colours: ['#102030', { hue: 0, saturation: 1, value: { min: 0.2, max: 1 } }], angle: { min: 10, max: 80 } }, 500)) {
      assert.equal(b.type, 'gradient');
      if (b.type !== 'gradient') continue;
      assert.equal(b.colours[0], '#102030');
      assert.match(b.colours[1], /^#[0-9a-f]{2}0000$/);
      assert.ok(b.angle >= 10 && b.angle <= 80);
    }
  });

  it('takes a sky\'s colours from the frame\'s sky light', () => {
    assert.deepEqual(draw({ type: 'sky' }, 1)[0], { type: 'sky', horizon: '#c0d0e0', zenith: '#3050a0' });
  });

  it('refuses a sky background in a scene without a sky light, naming the field', () => {
    const text = `name: t\nclasses: ["0"]\nbackground: { choice: ["#000000", { type: sky }] }\nobjects:\n  - { kind: glyph, fonts: [npm:@fontsource/roboto/files/roboto-latin-400-normal.woff] }\n`;
    assert.throws(() => sceneFromText(text, `${repoRoot}/scenes/x.yaml`),
      (e: unknown) => e instanceof SynthError && /background: expected a light of type sky in lights/.test(e.describe()));
    assert.doesNotThrow(() => sceneFromText(text.replace('objects:', 'lights: [{ type: sky }]\nobjects:'), `${repoRoot}/scenes/x.yaml`));
  });

  it('explains what a background may be', () => {
    const result = BackgroundSpec.safeParse({ type: 'plasma' });
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /expected a colour .*\{type: solid\|gradient\|noise\|stripes\|checker\|plaid\|image\|sky/);
  });
});
