import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { stringify } from 'yaml';
import { readManifest } from '../../src/dataset/index.js';
import type { ObjectLabel } from '../../src/label/index.js';
import { renderDataset } from '../../src/render/index.js';
import { tempDir } from '../helpers.js';

/**
 * Labels against geometry known analytically: a camera straight above cubes, so each cube's top
 * face projects to a square whose size follows from the field of view and the distance.
 */
const SIZE = 64;
const FOV = 40;
const DISTANCE = 4;

interface Cube { x?: number; y?: number; side: number; height: number; distractor?: boolean }

function cubeScene(cubes: Cube[], extra: Record<string, unknown> = {}) {
  return {
    name: 'cubes',
    classes: ['cube'],
    image: { width: SIZE, height: SIZE, antialias: false },
    surface: { size: 20 },
    camera: { fov: FOV, distance: DISTANCE, elevation: 90 },
    lights: [{ type: 'ambient', intensity: 1 }],
    objects: cubes.map((c) => ({
      kind: 'primitive', shape: 'box', class: 'cube', size: { x: c.side, y: c.side, z: c.height },
      position: { x: c.x ?? 0, y: c.y ?? 0 }, ...(c.distractor ? { distractor: true } : {}),
    })),
    ...extra,
  };
}

async function render(scene: object, name: string): Promise<{ dir: string; record: Record<string, unknown> & { objects: ObjectLabel[] } }> {
  const dir = tempDir();
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(scene));
  const out = path.join(dir, 'out');
  await renderDataset({ scene: file, out, count: 1, concurrency: 1 });
  const [record] = await readManifest(out);
  return { dir: out, record: record as never };
}

/** Pixels from the image centre to the edge of a square of half-side `half` at `depth` below the camera. */
function projectedHalf(half: number, depth: number): number {
  return (half / (depth * Math.tan((FOV / 2) * Math.PI / 180))) * (SIZE / 2);
}

function readMask(dir: string, file: string): { data: Uint8Array; width: number } {
  const png = PNG.sync.read(readFileSync(path.join(dir, file)));
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = png.data[i * 4]!;
  return { data, width: png.width };
}

function maskExtent(mask: { data: Uint8Array; width: number }, value: number): { box: number[] | null; count: number } {
  let [x0, y0, x1, y1, count] = [Infinity, Infinity, -1, -1, 0];
  mask.data.forEach((v, i) => {
    if (v !== value) return;
    const x = i % mask.width, y = Math.floor(i / mask.width);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    count++;
  });
  return { box: count ? [x0, y0, x1 - x0 + 1, y1 - y0 + 1] : null, count };
}

function contains(outer: number[], inner: number[]): boolean {
  return outer[0]! <= inner[0]! && outer[1]! <= inner[1]! && outer[0]! + outer[2]! >= inner[0]! + inner[2]! && outer[1]! + outer[3]! >= inner[1]! + inner[3]!;
}

describe('object labels', () => {
  it('gives a lone cube the tight and amodal box of its projection, to within a pixel, and a matching mask', async () => {
    const { dir, record } = await render(cubeScene([{ side: 1, height: 0.5 }]), 'one');
    const [cube] = record.objects;
    const half = projectedHalf(0.5, DISTANCE - 0.5);
    const expected = [SIZE / 2 - half, SIZE / 2 - half, 2 * half, 2 * half];
    for (const box of [cube!.box!, cube!.amodal!]) {
      assert.ok(Math.abs(box[0] - expected[0]!) <= 1 && Math.abs(box[1] - expected[1]!) <= 1, `${box} vs ${expected}`);
      assert.ok(Math.abs(box[0] + box[2] - (expected[0]! + expected[2]!)) <= 1, `${box} vs ${expected}`);
    }
    assert.equal(cube!.visibility, 1);
    assert.equal(cube!.truncated, false);
    const mask = maskExtent(readMask(dir, record['mask'] as string), 1);
    assert.deepEqual(mask.box, cube!.box);
    assert.equal(mask.count, cube!.pixels);
    const semantic = readMask(dir, record['semantic'] as string);
    assert.deepEqual(semantic.data, readMask(dir, record['mask'] as string).data.map((v) => (v === 1 ? cube!.label + 1 : 0)));
  });

  it('flags a cube leaving the frame as truncated and clips its amodal box to the frame', async () => {
    const { record } = await render(cubeScene([{ x: 1.3, side: 1, height: 0.5 }]), 'edge');
    const [cube] = record.objects;
    assert.equal(cube!.truncated, true);
    const amodal = cube!.amodal!;
    assert.equal(amodal[0] + amodal[2], SIZE);
    assert.ok(contains(amodal, cube!.box!));
    assert.equal(cube!.visibility, 1, 'leaving the frame is truncation, not occlusion');
  });

  it('measures the visible fraction of a cube partly hidden by a taller one in front', async () => {
    const oblique = { camera: { fov: FOV, distance: DISTANCE, elevation: 35 } };
    const back = { x: 0.45, y: 0.6, side: 0.8, height: 0.4 };
    const { record } = await render(cubeScene([{ y: -0.2, side: 0.8, height: 1.2 }, back], oblique), 'pair');
    const { record: alone } = await render(cubeScene([back], oblique), 'alone');
    const hidden = record.objects[1]!;
    assert.ok(hidden.visibility > 0.05 && hidden.visibility < 0.95, `visibility ${hidden.visibility}`);
    const expected = hidden.pixels / alone.objects[0]!.pixels;
    assert.ok(Math.abs(hidden.visibility - expected) < 0.02, `${hidden.visibility} vs ${expected}`);
    assert.ok(contains(hidden.amodal!, hidden.box!));
    assert.deepEqual(hidden.amodal, alone.objects[0]!.amodal, 'the amodal box does not depend on occluders');
    assert.equal(record.objects[0]!.visibility, 1);
  });

  it('gives a fully hidden cube no tight box and zero visibility', async () => {
    const { record } = await render(cubeScene([{ side: 2, height: 1 }, { side: 0.4, height: 0.3 }]), 'inside');
    const inner = record.objects[1]!;
    assert.equal(inner.box, null);
    assert.equal(inner.pixels, 0);
    assert.equal(inner.visibility, 0);
    assert.ok(inner.amodal !== null);
  });

  it('leaves distractors out of the labels and the mask while they still hide what is behind them', async () => {
    const oblique = { camera: { fov: FOV, distance: DISTANCE, elevation: 35 } };
    const { dir, record } = await render(cubeScene([{ y: -0.2, side: 0.8, height: 1.2, distractor: true }, { x: 0.45, y: 0.6, side: 0.8, height: 0.4 }], oblique), 'clutter');
    assert.equal(record.objects.length, 1);
    const target = record.objects[0]!;
    assert.ok(target.visibility > 0.05 && target.visibility < 0.95, `visibility ${target.visibility}`);
    const mask = readMask(dir, record['mask'] as string);
    assert.equal(maskExtent(mask, 2).count, 0);
    assert.equal(maskExtent(mask, 1).count, target.pixels);
  });

  it('writes depth in metres with the recorded scale', async () => {
    const { dir, record } = await render(cubeScene([{ side: 1, height: 0.5 }], { labels: { depth: true, depthScale: 0.001 } }), 'depth');
    const meta = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8')) as { depth: { scale: number } };
    assert.equal(meta.depth.scale, 0.001);
    const png = PNG.sync.read(readFileSync(path.join(dir, record['depth'] as string)), { skipRescale: true });
    const at = (x: number, y: number) => (png.data as unknown as Uint16Array)[(y * png.width + x) * 4]! * meta.depth.scale;
    assert.ok(Math.abs(at(SIZE / 2, SIZE / 2) - (DISTANCE - 0.5)) < 0.01, `centre depth ${at(SIZE / 2, SIZE / 2)}`);
    assert.ok(Math.abs(at(1, SIZE / 2) - DISTANCE) < 0.05, `surface depth ${at(1, SIZE / 2)}`);
  });
});
