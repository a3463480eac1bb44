import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MaterialSpec, sampleMaterial } from '../../src/render/materials/materials.js';
import { FrameTexture, TextureSpec, sampleTexture } from '../../src/render/materials/textures.js';
import { createRng } from '../../src/rng.js';

const folders = { 'tex/wood': ['tex/wood/a.png', 'tex/wood/b.png', 'tex/wood/c.png'] };

function draw(input: unknown, n = 3000): FrameTexture[] {
  const spec = TextureSpec.parse(input);
  const root = createRng(11);
  return Array.from({ length: n }, (_, i) => FrameTexture.parse(sampleTexture(spec, root.fork(i), folders)));
}

function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.filter(test).length / items.length;
}

describe('texture sampling', () => {
  it('leaves a material plain without a texture, and logs that as type none', () => {
    const m = sampleMaterial(MaterialSpec.parse({}), createRng(1), {});
    assert.deepEqual(m.texture, { type: 'none' });
  });

  it('textures a share of images equal to the probability', () => {
    const textured = share(draw({ type: 'checker', probability: 0.3 }), (t) => t.type !== 'none');
    assert.ok(Math.abs(textured - 0.3) < 0.04, `textured share ${textured}`);
    assert.equal(share(draw({ type: 'noise', probability: 0 }, 500), (t) => t.type !== 'none'), 0);
    assert.equal(share(draw({ type: 'noise' }, 500), (t) => t.type === 'noise'), 1);
  });

  it('picks between textures by their weights, times both probabilities', () => {
    const textures = draw({
      probability: 0.8,
      choice: [{ type: 'stripes' }, { type: 'checker', probability: 0.5 }, { folder: 'tex/wood' }],
      weights: [1, 2, 1],
    }, 6000);
    const expected = { stripes: 0.8 * 0.25, checker: 0.8 * 0.5 * 0.5, image: 0.8 * 0.25 };
    for (const [type, p] of Object.entries(expected)) {
      const got = share(textures, (t) => t.type === type);
      assert.ok(Math.abs(got - p) < 0.025, `${type}: ${got}, expected ${p}`);
    }
    assert.ok(Math.abs(share(textures, (t) => t.type === 'none') - (1 - 0.2 - 0.2 - 0.2)) < 0.03);
  });

  it('samples pattern values within their ranges, with an integer seed', () => {
    const textures = draw({
      type: 'stripes', scale: { min: 2, max: 5 }, angle: { min: -30, max: 60 }, contrast: { min: 0.2, max: 0.7 },
      colours: ['#ff0000', { hue: 120, saturation: 1, value: { min: 0.5, max: 1 } }],
    }, 1000);
    for (const t of textures) {
      assert.equal(t.type, 'stripes');
      if (t.type !== 'stripes') continue;
      assert.ok(t.scale >= 2 && t.scale <= 5 && t.angle >= -30 && t.angle <= 60 && t.contrast >= 0.2 && t.contrast <= 0.7);
      assert.ok(Number.isInteger(t.seed) && t.seed >= 0 && t.seed < 2 ** 31);
      assert.equal(t.colours[0], '#ff0000');
      assert.match(t.colours[1], /^#00[0-9a-f]{2}00$/);
    }
    assert.ok(new Set(textures.map((t) => (t.type === 'stripes' ? t.seed : 0))).size > 990, 'seeds vary');
  });

  it('picks the images of a folder uniformly, with scale and rotation in range', () => {
    const textures = draw({ folder: 'tex/wood', scale: { min: 0.5, max: 2 }, rotation: { min: 0, max: 360 } });
    for (const file of folders['tex/wood']) {
      const got = share(textures, (t) => t.type === 'image' && t.file === file);
      assert.ok(Math.abs(got - 1 / 3) < 0.04, `${file}: ${got}`);
    }
    for (const t of textures) if (t.type === 'image') assert.ok(t.scale >= 0.5 && t.scale <= 2 && t.rotation >= 0 && t.rotation <= 360);
  });

  it('refuses to sample a folder that was not listed', () => {
    assert.throws(() => sampleTexture(TextureSpec.parse({ folder: 'tex/other' }), createRng(1), folders), /image folder "tex\/other" was not listed/);
  });

  it('samples a decal\'s mark, place, size and colours within their ranges', () => {
    const textures = draw({
      type: 'decal', mark: { choice: ['logo', 'band'], weights: [3, 1] }, y: { min: 0.5, max: 0.7 }, size: { min: 0.2, max: 0.4 },
      colours: ['#ffffff', { hue: 0, saturation: 0, value: { min: 0.1, max: 0.4 } }],
    }, 2000);
    for (const t of textures) {
      assert.equal(t.type, 'decal');
      if (t.type !== 'decal') continue;
      assert.ok(t.x === 0.5 && t.y >= 0.5 && t.y <= 0.7 && t.size >= 0.2 && t.size <= 0.4 && t.contrast === 1);
      assert.equal(t.colours[0], '#ffffff');
      assert.ok(parseInt(t.colours[1].slice(1, 3), 16) <= 102, t.colours[1]);
      assert.ok(Number.isInteger(t.seed) && t.seed >= 0);
    }
    const logos = share(textures, (t) => t.type === 'decal' && t.mark === 'logo');
    assert.ok(Math.abs(logos - 0.75) < 0.04, `logo share ${logos}`);
  });

  it('is a pure function of the generator key', () => {
    assert.deepEqual(draw({ type: 'noise', scale: { min: 1, max: 9 } }, 50), draw({ type: 'noise', scale: { min: 1, max: 9 } }, 50));
  });
});

describe('texture configs', () => {
  const issues = (input: unknown) => {
    const result = TextureSpec.safeParse(input);
    assert.equal(result.success, false);
    return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };

  it('reads {folder} as an image texture', () => {
    assert.equal((TextureSpec.parse({ folder: 'x' }) as { type: string }).type, 'image');
  });

  it('names unknown keys, bad weights and out-of-range values', () => {
    assert.match(issues({ type: 'checker', scal: 2 }), /Unrecognized key: "scal"/);
    assert.match(issues({ choice: [{ type: 'noise' }], weights: [1, 2] }), /weights: expected one weight per choice \(1\)/);
    assert.match(issues({ type: 'stripes', contrast: { min: 0, max: 2 } }), /contrast: expected values within \[0, 1\]/);
    assert.match(issues({ type: 'noise', probability: 1.5 }), /probability/);
    assert.match(issues({ type: 'marble' }), /type/);
    assert.match(issues({ type: 'decal', size: { min: 0.2, max: 1.5 } }), /size: expected values within \[0.01, 1\]/);
    assert.match(issues({ type: 'decal', mark: 'star' }), /type: noise\|stripes\|checker\|plaid\|decal/);
  });
});
