import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../src/render/browser.js';
import type { FrameObject, FrameSpec } from '../../src/render/frame-spec.js';
import { type LoadedScene, loadScene } from '../../src/render/load-scene.js';
import type { FrameTexture } from '../../src/render/materials/textures.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { RenderPage } from '../../src/render/render-page.js';
import { tempDir } from '../helpers.js';
import { ROBOTO, imageScene } from './image-scene.js';
import { gradientOrientation, orientationError } from './orientation.js';

const SIZE = 96;

const yaml = `
name: appearance
classes: ["0", "8"]
image: { width: ${SIZE}, height: ${SIZE} }
background:
  choice: ["#203040", { type: gradient, colours: ["#000000", "#ffffff"], angle: { min: 0, max: 360 } }, { type: noise }, { type: image, folder: bg }]
surface:
  size: { min: 1.5, max: 3 }
  material:
    texture: { probability: 0.8, choice: [{ type: checker }, { type: stripes, angle: { min: 0, max: 180 } }, { folder: tex }] }
lights: [{ type: ambient, intensity: 2 }, { type: directional, intensity: 2, azimuth: { min: 0, max: 360 } }]
camera: { elevation: { min: 60, max: 90 }, roll: { min: -20, max: 20 } }
objects:
  - kind: glyph
    fonts: [${ROBOTO}]
    material:
      colour: { hue: { min: 0, max: 360 }, saturation: 0.5, value: 1 }
      texture: { probability: 0.7, choice: [{ type: noise }, { type: checker, scale: 8 }, { folder: tex, scale: 2 }] }
`;

const plain: FrameTexture = { type: 'none' };

function glyph(texture: FrameTexture = plain, text = '8'): FrameObject {
  return {
    kind: 'glyph', class: text, label: text === '0' ? 0 : 1, font: ROBOTO, text, size: 1.5, depth: 0.1, stretch: 1.6, shear: 0,
    position: { x: 0, y: 0, z: 0 }, rotation: { x: 0, y: 0, z: 0 }, material: { colour: '#ffffff', roughness: 1, metalness: 0, texture },
  };
}

function frame(over: Partial<FrameSpec> = {}): FrameSpec {
  return {
    index: 0,
    background: { type: 'solid', colour: '#000000' },
    camera: { fov: 35, distance: 3, elevation: 90, azimuth: 0, roll: 0, lookAt: { x: 0, y: 0, z: 0 } },
    lights: [{ type: 'ambient', intensity: 3, colour: '#ffffff' }],
    surface: null,
    objects: [],
    ...over,
  };
}

function grey(rgb: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < rgb.length; i += 3) out.push(0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!);
  return out;
}

/** Mean squared Laplacian over the pixels whose 3×3 neighbourhood is all object. */
function highFrequencyEnergy(rgb: Buffer, ids: Buffer): { energy: number; pixels: number } {
  const g = grey(rgb);
  let sum = 0, pixels = 0;
  for (let y = 1; y < SIZE - 1; y++) {
    for (let x = 1; x < SIZE - 1; x++) {
      const i = y * SIZE + x;
      if (![i, i - 1, i + 1, i - SIZE, i + SIZE, i - SIZE - 1, i - SIZE + 1, i + SIZE - 1, i + SIZE + 1].every((j) => ids[j] !== 0)) continue;
      const laplacian = 4 * g[i]! - g[i - 1]! - g[i + 1]! - g[i - SIZE]! - g[i + SIZE]!;
      sum += laplacian * laplacian;
      pixels++;
    }
  }
  return { energy: sum / pixels, pixels };
}

function meanColour(rgb: Buffer): number[] {
  const sum = [0, 0, 0];
  for (let i = 0; i < rgb.length; i++) sum[i % 3]! += rgb[i]!;
  return sum.map((s) => s / (rgb.length / 3));
}

describe('appearance in the rendered image', () => {
  const dir = tempDir();
  let scene: LoadedScene;
  let means: Record<string, [number, number, number]>;
  let browser: Browser;
  let page: RenderPage;
  const render = async (frames: FrameSpec[]) => page.render(frames);

  before(async () => {
    let file: string;
    ({ file, means } = await imageScene(dir, yaml));
    scene = loadScene(file);
    browser = await launchBrowser();
    page = await RenderPage.open(browser, { width: SIZE, height: SIZE, antialias: true, channels: 3, glyphs: scene.glyphs, models: {}, depth: null }, scene.images.files);
  });
  after(async () => {
    await browser.close();
  });

  it('a checker texture raises the high-frequency energy of the object\'s pixels', async () => {
    const checker: FrameTexture = { type: 'checker', seed: 1, scale: 8, angle: 20, colours: ['#ffffff', '#202020'], contrast: 1 };
    const [flat, textured] = await render([frame({ objects: [glyph()] }), frame({ objects: [glyph(checker)] })]);
    const a = highFrequencyEnergy(flat!.pixels, flat!.ids), b = highFrequencyEnergy(textured!.pixels, textured!.ids);
    assert.ok(a.pixels > 150, `enough object pixels (${a.pixels})`);
    assert.ok(b.energy > 20 * Math.max(a.energy, 1), `checker ${b.energy.toFixed(1)} vs plain ${a.energy.toFixed(1)}`);
  });

  it('an image-folder texture and a noise texture reach the object\'s pixels; another image, another look', async () => {
    const image = (file: string): FrameTexture => ({ type: 'image', file, scale: 2, rotation: 0 });
    const noise: FrameTexture = { type: 'noise', seed: 5, scale: 12, angle: 0, colours: ['#ffffff', '#202020'], contrast: 1 };
    const [flat, a, b, noisy] = await render([glyph(), glyph(image('tex/a.png')), glyph(image('tex/b.jpg')), glyph(noise)].map((g) => frame({ objects: [g] })));
    const objectMean = (r: { pixels: Buffer; ids: Buffer }) => {
      const sum = [0, 0, 0];
      let n = 0;
      r.ids.forEach((id, i) => {
        if (id === 0) return;
        n++;
        for (let c = 0; c < 3; c++) sum[c]! += r.pixels[i * 3 + c]!;
      });
      return sum.map((s) => s / n);
    };
    // The pictures are reddish-green and never white: a white glyph textured with them changes colour.
    const [white, pictureA, pictureB] = [flat!, a!, b!].map(objectMean);
    assert.ok(white!.every((c) => c > 200), `plain white glyph ${white!.map((c) => c.toFixed(0))}`);
    assert.ok(pictureA![2]! < white![2]! - 40, `textured glyph ${pictureA!.map((c) => c.toFixed(0))}`);
    assert.ok(pictureA!.some((c, k) => Math.abs(c - pictureB![k]!) > 8), 'the two images look different');
    const [plainEnergy, noiseEnergy] = [flat!, noisy!].map((r) => highFrequencyEnergy(r.pixels, r.ids).energy);
    assert.ok(noiseEnergy! > 2 * Math.max(plainEnergy!, 1), `noise ${noiseEnergy!.toFixed(1)} vs plain ${plainEnergy!.toFixed(1)}`);
  });

  it('draws a solid background in its colour and a noise background with texture', async () => {
    const [solid, noisy] = await render([
      frame({ background: { type: 'solid', colour: '#3060c0' } }),
      frame({ background: { type: 'noise', seed: 3, scale: 4, angle: 0, colours: ['#ffffff', '#000000'], contrast: 1 } }),
    ]);
    meanColour(solid!.pixels).forEach((m, c) => assert.ok(Math.abs(m - [0x30, 0x60, 0xc0][c]!) < 2, `channel ${c}: ${m}`));
    const g = grey(noisy!.pixels);
    const spread = Math.sqrt(g.reduce((s, v) => s + (v - 128) ** 2, 0) / g.length);
    assert.ok(spread > 25, `noise background spread ${spread.toFixed(1)}`);
  });

  it('turns stripes on the surface by their sampled angle', async () => {
    const angles = [0, 30, 75, 120];
    const frames = angles.map((angle) => frame({
      surface: { size: 10, material: { colour: '#ffffff', roughness: 1, metalness: 0, texture: { type: 'stripes', seed: 4, scale: 3, angle, colours: ['#ffffff', '#000000'], contrast: 1 } } },
    }));
    const rendered = await render(frames);
    rendered.forEach((r, k) => {
      const error = orientationError(gradientOrientation(grey(r.pixels), SIZE, SIZE), angles[k]! + 90);
      assert.ok(error < 4, `stripes at ${angles[k]}°: image gradients off by ${error.toFixed(1)}°`);
    });
  });

  it('draws a gradient background that varies along its angle', async () => {
    for (const angle of [30, 210, 100]) {
      const [r] = await render([frame({ background: { type: 'gradient', colours: ['#000000', '#ffffff'], angle } })]);
      const g = grey(r!.pixels);
      assert.ok(orientationError(gradientOrientation(g, SIZE, SIZE), angle) < 2, `gradient at ${angle}°`);
      // The second colour lies ahead along the angle: compare the two ends of the line through the centre.
      const at = (t: number) => g[Math.round(SIZE / 2 - t * Math.sin((angle * Math.PI) / 180)) * SIZE + Math.round(SIZE / 2 + t * Math.cos((angle * Math.PI) / 180))]!;
      assert.ok(at(40) - at(-40) > 100, `light ahead at ${angle}° (${at(40)} vs ${at(-40)})`);
    }
  });

  it('shows an image background with the image\'s mean colour', async () => {
    const rendered = await render([frame({ background: { type: 'image', file: 'bg/one.png' } }), frame({ background: { type: 'image', file: 'bg/two.png' } })]);
    rendered.forEach((r, k) => {
      const expected = means[k === 0 ? 'bg/one.png' : 'bg/two.png']!;
      meanColour(r.pixels).forEach((m, c) => assert.ok(Math.abs(m - expected[c]!) < 3, `channel ${c}: ${m.toFixed(1)} vs ${expected[c]!.toFixed(1)}`));
    });
  });

  it('turns a sky background with the camera roll, perpendicular to the horizon', async () => {
    const sky = { type: 'sky' as const, horizon: '#ffffff', zenith: '#000000' };
    const camera = { fov: 35, distance: 3, elevation: 90, azimuth: 0, roll: 25, lookAt: { x: 0, y: 0, z: 0 } };
    const stripes: FrameTexture = { type: 'stripes', seed: 4, scale: 3, angle: 0, colours: ['#ffffff', '#000000'], contrast: 1 };
    const [up, horizon] = await render([
      frame({ background: sky, camera }),
      frame({ camera, surface: { size: 10, material: { colour: '#ffffff', roughness: 1, metalness: 0, texture: stripes } } }),
    ]);
    const skyGradient = gradientOrientation(grey(up!.pixels), SIZE, SIZE);
    const worldX = (gradientOrientation(grey(horizon!.pixels), SIZE, SIZE) + 90) % 180;
    assert.ok(orientationError(skyGradient, worldX + 90) < 3, `sky gradient ${skyGradient.toFixed(1)}°, world x at ${worldX.toFixed(1)}°`);
    assert.ok(orientationError(skyGradient, 90 - 25) < 3);
    const g = grey(up!.pixels);
    assert.ok(g[(SIZE - 2) * SIZE + SIZE / 2]! > g[SIZE + SIZE / 2]! + 100, 'horizon colour below, zenith above');
  });

  it('leaves the label pass unchanged by textures and backgrounds', async () => {
    const image: FrameTexture = { type: 'image', file: 'tex/a.png', scale: 2, rotation: 30 };
    const noise: FrameTexture = { type: 'noise', seed: 9, scale: 4, angle: 0, colours: ['#ffffff', '#000000'], contrast: 1 };
    const camera = { fov: 35, distance: 3, elevation: 70, azimuth: 10, roll: 5, lookAt: { x: 0, y: 0, z: 0 } };
    const surface = (texture: FrameTexture) => ({ size: 2, material: { colour: '#808080', roughness: 1, metalness: 0, texture } });
    const [dressed, bare] = await render([
      frame({ camera, background: { type: 'image', file: 'bg/one.png' }, surface: surface(noise), objects: [glyph(image)] }),
      frame({ camera, surface: surface(plain), objects: [glyph()] }),
    ]);
    assert.ok(dressed!.ids.some((v) => v !== 0));
    assert.ok(dressed!.ids.equals(bare!.ids), 'same instance ids');
    assert.ok(!dressed!.pixels.equals(bare!.pixels), 'different pixels');
  });

  it('gives the same bytes when a frame is rendered again with its images cached', async () => {
    const frames = [frame({ background: { type: 'image', file: 'bg/two.png' }, objects: [glyph({ type: 'image', file: 'tex/b.jpg', scale: 1, rotation: 45 })] })];
    const [first] = await render(frames);
    const [again] = await render(frames);
    assert.ok(first!.pixels.equals(again!.pixels));
  });

  it('gives the same bytes from a page whose image cache holds one image', async () => {
    const frames = Array.from({ length: 12 }, (_, i) => frame({
      background: { type: 'image', file: i % 3 === 0 ? 'bg/one.png' : 'bg/two.png' },
      objects: [glyph(i % 2 === 0 ? { type: 'image', file: i % 4 === 0 ? 'tex/a.png' : 'tex/b.jpg', scale: 1, rotation: 10 * i } : plain)],
    }));
    const small = await RenderPage.open(browser, { width: SIZE, height: SIZE, antialias: true, channels: 3, glyphs: scene.glyphs, models: {}, depth: null, imageCache: { images: 1, pixels: 1e9 } }, scene.images.files);
    const [expected, got] = [await render(frames), await small.render(frames)];
    await small.close();
    got.forEach((r, i) => assert.ok(r.pixels.equals(expected[i]!.pixels), `frame ${i}`));
  });

  it('compiles no shader program after the first frames, whatever their textures and backgrounds', async () => {
    const frames = Array.from({ length: 40 }, (_, i) => sampleFrame(scene.spec, createRng(8), i, { folders: scene.images.folders }));
    await render(frames.slice(0, 10));
    await page.page.evaluate(() => {
      const gl = WebGL2RenderingContext.prototype as WebGL2RenderingContext & { links?: number };
      const link = gl.linkProgram;
      gl.links = 0;
      gl.linkProgram = function (this: WebGL2RenderingContext, program: WebGLProgram) {
        (WebGL2RenderingContext.prototype as { links?: number }).links! += 1;
        link.call(this, program);
      };
    });
    await render(frames.slice(10));
    const kinds = new Set(frames.slice(10).flatMap((f) => [f.background.type, ...[f.surface!, ...f.objects].map((o) => o.material.texture.type)]));
    assert.ok(kinds.size >= 6, `varied frames (${[...kinds].join(', ')})`);
    assert.equal(await page.page.evaluate(() => (WebGL2RenderingContext.prototype as { links?: number }).links), 0);
    // The count sees compiles: another kind of light does need new programs.
    await render([{ ...frames[10]!, lights: [...frames[10]!.lights, { type: 'point', intensity: 1, colour: '#ffffff', position: { x: 0, y: 0, z: 2 }, range: 0 }] }]);
    assert.ok(await page.page.evaluate(() => (WebGL2RenderingContext.prototype as { links?: number }).links! > 0));
  });

  it('serves the scene\'s listed images and nothing else', async () => {
    const outcome = await page.page.evaluate(async () => Promise.all(['/assets/bg/one.png', '/assets/scene.yaml', '/assets/bg/../scene.yaml', '/assets/%2e%2e/etc/passwd'].map(async (url) => {
      try {
        return (await fetch(url)).status;
      } catch {
        return 'refused';
      }
    })));
    assert.deepEqual(outcome, [200, 'refused', 'refused', 'refused']);
    assert.ok(page.blocked.some((url) => url.endsWith('/assets/scene.yaml')));
  });

  it('renders the same dataset bytes with one page and with two', async () => {
    const one = path.join(dir, 'one'), two = path.join(dir, 'two');
    await renderDataset({ scene, out: one, count: 24, seed: 3, concurrency: 1, batchSize: 5 });
    await renderDataset({ scene, out: two, count: 24, seed: 3, concurrency: 2, batchSize: 4 });
    const manifest = readFileSync(path.join(one, 'manifest.jsonl'), 'utf8');
    assert.equal(manifest, readFileSync(path.join(two, 'manifest.jsonl'), 'utf8'));
    for (const kind of ['"type":"image","file":"tex/', '"type":"image","file":"bg/', '"type":"checker"', '"type":"noise"', '"type":"gradient"']) {
      assert.ok(manifest.includes(kind), `the run used ${kind}`);
    }
    for (const folder of readdirSync(path.join(one, 'images'))) {
      for (const name of readdirSync(path.join(one, 'images', folder))) {
        assert.ok(readFileSync(path.join(one, 'images', folder, name)).equals(readFileSync(path.join(two, 'images', folder, name))), `${name} differs`);
      }
    }
  });
});
