import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as THREE from 'three';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../src/render/browser.js';
import type { FrameSpec } from '../../src/render/frame-spec.js';
import { loadScene } from '../../src/render/load-scene.js';
import type { FrameTexture } from '../../src/render/materials/textures.js';
import { setBoxUv } from '../../src/render/objects/box-uv.js';
import { RenderPage } from '../../src/render/render-page.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { repoRoot, tempDir } from '../helpers.js';

const SIZE = 64;

describe('texture coordinates of glTF models', () => {
  it('box projection gives every face of a box the texture at one scale', () => {
    const geometry = new THREE.BoxGeometry(2, 1, 0.5).toNonIndexed();
    setBoxUv(geometry);
    const uv = geometry.getAttribute('uv');
    const position = geometry.getAttribute('position');
    for (let t = 0; t < uv.count; t += 3) {
      const [u, v] = [0, 1, 2].map((k) => new THREE.Vector2(uv.getX(t + k), uv.getY(t + k)));
      const uvArea = Math.abs((v!.x - u!.x) * (uv.getY(t + 2) - u!.y) - (uv.getX(t + 2) - u!.x) * (v!.y - u!.y)) / 2;
      const [a, b, c] = [0, 1, 2].map((k) => new THREE.Vector3().fromBufferAttribute(position, t + k));
      const area = new THREE.Vector3().subVectors(b!, a!).cross(new THREE.Vector3().subVectors(c!, a!)).length() / 2;
      // Each face lies in an axis plane, so its uv area is its area over the longest side (2) squared.
      assert.ok(Math.abs(uvArea - area / 4) < 1e-6, `triangle ${t / 3}: uv area ${uvArea} for area ${area}`);
    }
    for (let i = 0; i < uv.count; i++) assert.ok(uv.getX(i) >= 0 && uv.getX(i) <= 1 && uv.getY(i) >= 0 && uv.getY(i) <= 1);
  });

  describe('in the rendered image', () => {
    const dir = tempDir();
    let browser: Browser;
    let page: RenderPage;
    let chair: FrameSpec;
    before(async () => {
      const file = path.join(dir, 'chair.yaml');
      writeFileSync(file, `
name: chair
classes: [chair]
image: { width: ${SIZE}, height: ${SIZE} }
background: "#000000"
camera: { fov: 30, distance: 3, elevation: 90, azimuth: 0, roll: 0 }
lights: [{ type: ambient, intensity: 3 }]
objects:
  - { kind: model, class: chair, files: [${path.join(repoRoot, 'scenes/assets/models/chair.glb')}], scale: 2, position: { x: 0, y: 0 }, material: { colour: "#ffffff", roughness: 1 } }
`);
      const scene = loadScene(file);
      chair = sampleFrame(scene.spec, createRng(1), 0);
      browser = await launchBrowser();
      page = await RenderPage.open(browser, { width: SIZE, height: SIZE, antialias: true, channels: 3, glyphs: scene.glyphs, models: scene.models, depth: null });
    });
    after(async () => {
      await browser?.close();
    });

    it('a checker texture shows on a model shipped without texture coordinates', async () => {
      const checker: FrameTexture = { type: 'checker', seed: 1, scale: 6, angle: 0, colours: ['#ffffff', '#000000'], contrast: 1 };
      const textured = (texture: FrameTexture): FrameSpec => ({ ...chair, objects: chair.objects.map((o) => ({ ...o, material: { ...o.material, texture } })) });
      const [plain, checked] = await page.render([textured({ type: 'none' }), textured(checker)]);
      const spread = (r: { pixels: Buffer; ids: Buffer }) => {
        const values: number[] = [];
        for (let p = 0; p < SIZE * SIZE; p++) if (r.ids[p] !== 0) values.push(r.pixels[p * 3]!);
        values.sort((a, b) => a - b);
        return { pixels: values.length, range: values[Math.floor(values.length * 0.9)]! - values[Math.floor(values.length * 0.1)]! };
      };
      const a = spread(plain!), b = spread(checked!);
      assert.ok(a.pixels > 300, `the chair covers ${a.pixels} pixels`);
      assert.ok(b.range > a.range + 100, `checker spread ${b.range} vs plain ${a.range}`);
    });
  });
});
