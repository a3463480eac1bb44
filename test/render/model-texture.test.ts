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

/**
 * A .glb holding one flat square (2 × 2, y up, facing up), with `uv` as its texture coordinates
 * for every vertex when given, or none.
 */
function squareGlb(uv?: [number, number]): Buffer {
  const corners = [[-1, 0, -1], [-1, 0, 1], [1, 0, 1], [-1, 0, -1], [1, 0, 1], [1, 0, -1]];
  const positions = Buffer.from(new Float32Array(corners.flat()).buffer);
  const uvs = uv && Buffer.from(new Float32Array(corners.flatMap(() => uv)).buffer);
  const bin = Buffer.concat(uvs ? [positions, uvs] : [positions]);
  const json = Buffer.from(JSON.stringify({
    asset: { version: '2.0' }, scene: 0, scenes: [{ nodes: [0] }], nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: uvs ? { POSITION: 0, TEXCOORD_0: 1 } : { POSITION: 0 } }] }],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [{ buffer: 0, byteOffset: 0, byteLength: positions.length }, ...(uvs ? [{ buffer: 0, byteOffset: positions.length, byteLength: uvs.length }] : [])],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 6, type: 'VEC3', min: [-1, 0, -1], max: [1, 0, 1] },
      ...(uvs ? [{ bufferView: 1, componentType: 5126, count: 6, type: 'VEC2' }] : []),
    ],
  }));
  const jsonChunk = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const chunk = (type: number, data: Buffer) => Buffer.concat([Buffer.from(new Uint32Array([data.length, type]).buffer), data]);
  const body = Buffer.concat([chunk(0x4e4f534a, jsonChunk), chunk(0x004e4942, bin)]);
  return Buffer.concat([Buffer.from(new Uint32Array([0x46546c67, 2, 12 + body.length]).buffer), body]);
}

/** The frame with only the objects of one class. */
function only(frame: FrameSpec, className: string): FrameSpec {
  return { ...frame, objects: frame.objects.filter((o) => o.class === className) };
}

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
    let frame: FrameSpec;
    before(async () => {
      const file = path.join(dir, 'chair.yaml');
      // Every vertex of own-uv.glb maps to one point of the texture; plain.glb has no coordinates.
      writeFileSync(path.join(dir, 'own-uv.glb'), squareGlb([0.01, 0.01]));
      writeFileSync(path.join(dir, 'plain.glb'), squareGlb());
      writeFileSync(file, `
name: chair
classes: [chair, own-uv, plain]
image: { width: ${SIZE}, height: ${SIZE} }
background: "#000000"
camera: { fov: 30, distance: 3, elevation: 90, azimuth: 0, roll: 0 }
lights: [{ type: ambient, intensity: 3 }]
objects:
  - { kind: model, class: chair, files: [${path.join(repoRoot, 'scenes/assets/models/chair.glb')}], scale: 2, position: { x: 0, y: 0 }, material: { colour: "#ffffff", roughness: 1 } }
  - { kind: model, class: own-uv, files: [own-uv.glb], scale: 0.6, position: { x: 0, y: 0 }, material: { colour: "#ffffff", roughness: 1 } }
  - { kind: model, class: plain, files: [plain.glb], scale: 0.6, position: { x: 0, y: 0 }, material: { colour: "#ffffff", roughness: 1 } }
`);
      const scene = loadScene(file);
      frame = sampleFrame(scene.spec, createRng(1), 0);
      chair = only(frame, 'chair');
      browser = await launchBrowser();
      page = await RenderPage.open(browser, { width: SIZE, height: SIZE, antialias: true, channels: 3, glyphs: scene.glyphs, models: scene.models, depth: null });
    });
    after(async () => {
      await browser?.close();
    });

    const checker: FrameTexture = { type: 'checker', seed: 1, scale: 6, angle: 0, colours: ['#ffffff', '#000000'], contrast: 1 };
    const textured = (frame: FrameSpec, texture: FrameTexture): FrameSpec => ({ ...frame, objects: frame.objects.map((o) => ({ ...o, material: { ...o.material, texture } })) });
    /** How many pixels the object covers, and the spread (10th to 90th percentile) of their red values. */
    const spread = (r: { pixels: Buffer; ids: Buffer }) => {
      const values: number[] = [];
      for (let p = 0; p < SIZE * SIZE; p++) if (r.ids[p] !== 0) values.push(r.pixels[p * 3]!);
      values.sort((a, b) => a - b);
      return { pixels: values.length, range: values[Math.floor(values.length * 0.9)]! - values[Math.floor(values.length * 0.1)]! };
    };

    it('a checker texture shows on a model shipped without texture coordinates', async () => {
      const [plain, checked] = await page.render([textured(chair, { type: 'none' }), textured(chair, checker)]);
      const a = spread(plain!), b = spread(checked!);
      assert.ok(a.pixels > 300, `the chair covers ${a.pixels} pixels`);
      assert.ok(b.range > a.range + 100, `checker spread ${b.range} vs plain ${a.range}`);
    });

    it('a model with its own texture coordinates keeps them', async () => {
      const [own, plain] = await page.render([textured(only(frame, 'own-uv'), checker), textured(only(frame, 'plain'), checker)]);
      const a = spread(own!), b = spread(plain!);
      assert.ok(a.pixels > 300 && b.pixels > 300, `the squares cover ${a.pixels} and ${b.pixels} pixels`);
      assert.ok(a.range < 10, `one texel of the checker: spread ${a.range}`);
      assert.ok(b.range > 100, `box-projected checker: spread ${b.range}`);
    });
  });
});
