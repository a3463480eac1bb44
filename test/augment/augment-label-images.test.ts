import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { augmentDataset, parseRecipe } from '../../src/augment/index.js';
import { DatasetBuilder, type ManifestRecord, encodePng16, encodeSmallPng, readDatasetMeta, readManifest } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import { exportDataset } from '../../src/label/index.js';
import { tempDir } from '../helpers.js';

const W = 32, H = 32;

/**
 * A rendered-style dataset with label images: one bright rectangle per image, its instance mask
 * (1 inside), semantic mask (class + 1 inside) and a 16-bit depth image whose every pixel differs
 * in both bytes, so a warp that mixed up pixels or bytes would show.
 */
async function labelledDataset(out: string, options: { withoutMask?: number } = {}): Promise<string> {
  const builder = await DatasetBuilder.create({
    out, kind: 'synthetic', name: 'rects', classes: ['a', 'b'], image: { width: W, height: H, channels: 3 }, extra: { depth: { scale: 0.001, unit: 'm' } },
  });
  for (let i = 0; i < 8; i++) {
    const [x0, y0, w, h] = [4 + i, 6 + (i % 3) * 2, 12, 10];
    const pixels = Buffer.alloc(W * H * 3, 20);
    const mask = new Uint8Array(W * H), semantic = new Uint8Array(W * H), depth = new Uint16Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        depth[y * W + x] = 300 + y * 257 + x * 3;
        if (x < x0 || x >= x0 + w || y < y0 || y >= y0 + h) continue;
        pixels.fill(240, (y * W + x) * 3, (y * W + x + 1) * 3);
        mask[y * W + x] = 1;
        semantic[y * W + x] = (i % 2) + 1;
      }
    }
    const labelImages = {
      ...(options.withoutMask === i ? {} : { mask: encodeSmallPng(mask, W, H, 1) }),
      semantic: encodeSmallPng(semantic, W, H, 1),
      depth: encodePng16(depth, W, H),
    };
    const box = [x0, y0, w, h];
    await builder.add({ pixels, label: i % 2, split: 'train', extra: { box, objects: [{ class: ['a', 'b'][i % 2], box }] }, labelImages });
  }
  return builder.commit();
}

/** A label image's values, one a pixel. */
function values(dataset: string, file: string): number[] {
  const png = PNG.sync.read(readFileSync(path.join(dataset, file)), { skipRescale: true });
  const data = png.data as unknown as ArrayLike<number>;
  return Array.from({ length: png.width * png.height }, (_, p) => data[p * 4]!);
}

const mirrored = (plane: number[]) => plane.map((_, p) => plane[Math.floor(p / W) * W + (W - 1 - (p % W))]!);

describe('augmentDataset with label images', () => {
  it('flips the instance mask, semantic mask and depth with the image, exactly', async () => {
    const dir = tempDir();
    const source = await labelledDataset(path.join(dir, 'source'));
    const out = path.join(dir, 'flipped');
    await augmentDataset({ data: source, out, multiply: 1, seed: 3, recipe: parseRecipe({ hflip: { p: 1 } }) });
    const sources = new Map((await readManifest(source)).map((r) => [r.id, r]));
    const records = await readManifest(out);
    assert.equal(records.length, 16);
    for (const r of records) {
      const { id, copy } = r.source as { id: number; copy: number };
      const from = sources.get(id)!;
      for (const field of ['mask', 'semantic', 'depth'] as const) {
        const got = values(out, r[field] as string), was = values(source, from[field] as string);
        if (copy === 0) assert.deepEqual(readFileSync(path.join(out, r[field] as string)), readFileSync(path.join(source, from[field] as string)), `original ${id}: ${field} copied`);
        else assert.deepEqual(got, mirrored(was), `copy of ${id}: ${field} mirrored`);
      }
      if (copy > 0) {
        const [object] = r.objects as { instance: number; box: number[]; pixels: number }[];
        assert.equal(object!.instance, 1, 'the object keeps its mask value');
        const [x, y, w, h] = from['box'] as number[];
        assert.deepEqual([object!.box, object!.pixels], [[W - x! - w!, y, w, h], 120], 'the box and pixel count are measured on the flipped mask');
      }
    }
    const meta = (await readDatasetMeta(out))!;
    assert.match((meta.lineage.at(-1) as unknown as { labelImages: string }).labelImages, /^mask, semantic, depth warped with each copy/);

    // The exports read the carried labels: COCO segmentations from the masks, depth with its scale.
    const exported = path.join(dir, 'export');
    await exportDataset({ dataset: out, format: 'coco,depth', out: exported });
    const coco = JSON.parse(readFileSync(path.join(exported, 'annotations', 'coco.json'), 'utf8')) as { annotations: { segmentation?: unknown; area: number }[] };
    assert.equal(coco.annotations.length, 16);
    assert.ok(coco.annotations.every((a) => a.segmentation !== undefined && a.area === 120), 'every object has its 12×10 mask');
    assert.equal(JSON.parse(readFileSync(path.join(exported, 'depth.json'), 'utf8')).scale, 0.001);
  });

  it('warps label images with nearest neighbour under affine and elastic: only source values, aligned with the image', async () => {
    const dir = tempDir();
    const source = await labelledDataset(path.join(dir, 'source'));
    const out = path.join(dir, 'warped');
    const recipe = parseRecipe({
      affine: { p: 1, rotate: { min: -20, max: 20 }, scale: { min: 0.8, max: 1.2 }, translate: { min: -0.1, max: 0.1 } },
      elastic: { p: 0.5, alpha: { min: 1, max: 2 }, sigma: 4 },
    });
    await augmentDataset({ data: source, out, multiply: 2, seed: 4, recipe, originals: false });
    const sourceDepths = new Set((await readManifest(source)).flatMap((r) => values(source, r['depth'] as string)));
    const meta = (await readDatasetMeta(out))!;
    for (const r of await readManifest(out)) {
      const depth = values(out, r['depth'] as string);
      assert.ok(depth.every((v) => v === 0 || sourceDepths.has(v)), `copy ${r.id}: every depth value is a source value (or 0 outside)`);
      const mask = values(out, r['mask'] as string);
      const image = PNG.sync.read(readFileSync(path.join(out, r.file))).data;
      const inside = mask.flatMap((m, p) => (m === 1 ? [image[p * 4]!] : []));
      assert.ok(inside.length > 40, `copy ${r.id}: the object is still in its mask`);
      const dark = inside.filter((v) => v < 100).length;
      assert.ok(dark <= inside.length * 0.1, `copy ${r.id}: ${dark} of ${inside.length} mask pixels are background in the image`);
      assert.equal(meta.image.width, W);
    }
  });

  it('drops only the instance mask of copies mixed with other images', async () => {
    const dir = tempDir();
    const source = await labelledDataset(path.join(dir, 'source'));
    const out = path.join(dir, 'mixed');
    await augmentDataset({ data: source, out, multiply: 3, seed: 5, recipe: parseRecipe({ mosaic: { p: 0.5 }, hflip: { p: 0.5 } }), originals: false });
    const records = await readManifest(out);
    const mixed = (r: ManifestRecord) => (r.source as { partners?: number[] }).partners !== undefined;
    assert.ok(records.some(mixed) && records.some((r) => !mixed(r)), 'both kinds of copy occur');
    for (const r of records) {
      assert.equal(typeof r['semantic'], 'string');
      assert.equal(typeof r['depth'], 'string');
      assert.equal(r['mask'] === undefined, mixed(r), `copy ${r.id}: instance mask only when unmixed`);
    }
  });

  it('refuses a dataset where only some records have a label image, leaving no output', async () => {
    const dir = tempDir();
    const source = await labelledDataset(path.join(dir, 'source'), { withoutMask: 5 });
    await assert.rejects(augmentDataset({ data: source, out: path.join(dir, 'out'), multiply: 1, recipe: parseRecipe({ hflip: { p: 1 } }) }),
      (e: unknown) => e instanceof SynthError && /7 of 8 records have a mask image, record 5 has none/.test(e.message));
  });
});
