import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { augmentDataset, parseRecipe, recipeHash } from '../../src/augment/index.js';
import { DatasetBuilder, readDatasetMeta, readImages, readManifest } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import type { Box } from '../../src/label/index.js';
import { fixture, smallMnist, tempDir } from '../helpers.js';

const recipe = parseRecipe({
  affine: { p: 1, rotate: { min: -15, max: 15 }, scale: { min: 0.9, max: 1.1 }, translate: { min: -0.1, max: 0.1 } },
  elastic: { p: 0.3 }, gaussianNoise: { p: 0.5, std: 4 }, mixup: { p: 0.3 },
});

/** A tiny rendered-style dataset: RGB 32×32, one white rectangle per image with its box. */
async function boxesDataset(out: string, boxSpace: 'image' | 'frame'): Promise<string> {
  const builder = await DatasetBuilder.create({ out, kind: 'synthetic', name: 'rects', classes: ['a', 'b'], image: { width: 32, height: 32, channels: 3 } });
  for (let i = 0; i < 12; i++) {
    const box: Box = [4 + (i % 5) * 2, 6 + (i % 3) * 3, 10 + (i % 4), 8];
    const pixels = Buffer.alloc(32 * 32 * 3, 20);
    for (let y = box[1]; y < box[1] + box[3]; y++) pixels.fill(240, (y * 32 + box[0]) * 3, (y * 32 + box[0] + box[2]) * 3);
    const recorded: Box = boxSpace === 'image' ? box : [box[0] + 30, box[1] + 30, box[2], box[3]];
    await builder.add({ pixels, label: i % 2, split: 'train', extra: { pixels: box[2] * box[3], box: recorded, objects: [{ class: ['a', 'b'][i % 2], pixels: box[2] * box[3], box: recorded }], params: { index: i } } });
  }
  return builder.commit();
}

describe('augmentDataset', () => {
  it('writes K copies of each training image plus the original, leaves the test split alone, and records lineage', async () => {
    const dir = tempDir();
    const source = await smallMnist(path.join(dir, 'mnist'), 3, 1);
    const out = path.join(dir, 'aug');
    const summary = await augmentDataset({ data: source, out, multiply: 2, seed: 5, recipe });
    assert.equal(summary.count, 30 * 3 + 10);
    assert.deepEqual(summary.bySplit, { train: 90, test: 10 });
    const meta = (await readDatasetMeta(out))!;
    assert.equal(meta.kind, 'augmented');
    assert.equal(meta.count, 100);
    const lineage = meta.lineage.at(-1)!;
    assert.deepEqual({ ...lineage, recipe: undefined }, {
      kind: 'augment', source: { path: '../mnist', name: 'mnist-small', kind: 'real', count: 40 },
      recipeHash: recipeHash(recipe), recipe: undefined, seed: 5, multiply: 2, originals: true,
    });
    const records = await readManifest(out);
    const sourceRecords = await readManifest(source);
    const images = await readImages(out, meta, records);
    const sourceImages = await readImages(source, meta, sourceRecords);
    const per = 28 * 28;
    const imageOf = (batch: typeof images, k: number) => batch.pixels.subarray(k * per, (k + 1) * per);
    for (const [k, r] of records.entries()) {
      const s = r.source as { id: number; copy: number };
      const from = sourceRecords.findIndex((x) => x.id === s.id);
      if (s.copy === 0) assert.deepEqual(imageOf(images, k), imageOf(sourceImages, from), `record ${k} is the original`);
      else {
        assert.equal(r.split, 'train');
        assert.notDeepEqual(imageOf(images, k), imageOf(sourceImages, from));
        assert.ok(r.augment, 'augmented records carry their parameters');
      }
      if (r.soft !== undefined) {
        const soft = r.soft as { label: number; weight: number }[];
        assert.ok(Math.abs(soft.reduce((sum, c) => sum + c.weight, 0) - 1) < 0.01);
        assert.equal(r.label, soft.reduce((a, b) => (b.weight > a.weight ? b : a)).label);
      }
    }
    assert.ok(records.some((r) => r.soft !== undefined), 'mixup fired somewhere');
  });

  it('is a pure function of (source, recipe, seed): the same bytes twice, different with another seed', async () => {
    const dir = tempDir();
    const source = await smallMnist(path.join(dir, 'mnist'), 2, 0);
    await augmentDataset({ data: source, out: path.join(dir, 'a'), multiply: 2, seed: 1, recipe });
    await augmentDataset({ data: source, out: path.join(dir, 'b'), multiply: 2, seed: 1, recipe });
    await augmentDataset({ data: source, out: path.join(dir, 'c'), multiply: 2, seed: 2, recipe, originals: false });
    const read = (name: string, file: string) => readFileSync(path.join(dir, name, file));
    assert.deepEqual(read('a', 'manifest.jsonl'), read('b', 'manifest.jsonl'));
    for (const r of await readManifest(path.join(dir, 'a'))) assert.deepEqual(read('a', r.file), read('b', r.file));
    const c = await readManifest(path.join(dir, 'c'));
    assert.equal(c.length, 40);
    assert.ok(c.every((r) => (r.source as { copy: number }).copy > 0));
    assert.notDeepEqual(read('a', 'manifest.jsonl'), read('c', 'manifest.jsonl'));
  });

  it('moves boxes with the image', async () => {
    const dir = tempDir();
    const source = await boxesDataset(path.join(dir, 'rects'), 'image');
    const out = path.join(dir, 'aug');
    await augmentDataset({ data: source, out, multiply: 3, seed: 3, recipe: parseRecipe({ affine: { p: 1, rotate: { min: -20, max: 20 }, translate: { min: -0.1, max: 0.1 } }, hflip: { p: 0.5 } }) });
    const meta = (await readDatasetMeta(out))!;
    const records = await readManifest(out);
    const images = await readImages(out, meta, records);
    let checked = 0;
    for (const [k, r] of records.entries()) {
      const objects = r.objects as { class: string; box: Box; visibility: number }[];
      if (objects.length === 0 || objects[0]!.visibility < 1) continue;
      const [x, y, w, h] = objects[0]!.box;
      // The bright rectangle's half-intensity pixels lie within a pixel of the box.
      for (let py = 0; py < 32; py++) for (let px = 0; px < 32; px++) {
        const bright = images.pixels[(k * 1024 + py * 32 + px) * 3]! > 130;
        const inside = px + 1 > x - 1 && px < x + w + 1 && py + 1 > y - 1 && py < y + h + 1;
        if (bright) assert.ok(inside, `record ${k}: bright pixel (${px}, ${py}) outside box ${objects[0]!.box}`);
      }
      assert.deepEqual(r.box, objects[0]!.box);
      checked++;
    }
    assert.ok(checked >= 30);
  });

  it('does not carry over boxes that are not in image coordinates, and says why', async () => {
    const dir = tempDir();
    const source = await boxesDataset(path.join(dir, 'rects'), 'frame');
    const summary = await augmentDataset({ data: source, out: path.join(dir, 'aug'), multiply: 1, recipe });
    assert.match(summary.boxesDropped ?? '', /record 0 has a box \[34, 36, 10, 8\] outside its 32×32 image/);
    const records = await readManifest(path.join(dir, 'aug'));
    assert.ok(records.filter((r) => (r.source as { copy: number }).copy > 0).every((r) => r.objects === undefined && r.box === undefined));
    const meta = (await readDatasetMeta(path.join(dir, 'aug')))!;
    assert.match(String(meta.lineage.at(-1)!.boxes), /not carried over/);
  });

  it('refuses bad input before writing anything', async () => {
    const dir = tempDir();
    const source = await smallMnist(path.join(dir, 'mnist'), 1, 0);
    const out = path.join(dir, 'aug');
    await assert.rejects(augmentDataset({ data: source, out, multiply: 1, recipe: fixture('augment/bad.yaml') }), (e: unknown) => e instanceof SynthError && /affine\.p/.test(e.describe()));
    await assert.rejects(augmentDataset({ data: source, out, multiply: 0 }), /--multiply: expected a whole number >= 1, got 0/);
    await assert.rejects(augmentDataset({ data: path.join(dir, 'nothing'), out, multiply: 1 }), /not a synth dataset/);
    assert.equal(existsSync(out), false);
    await augmentDataset({ data: source, out, multiply: 1 });
    await assert.rejects(augmentDataset({ data: source, out, multiply: 1 }), /already exists and is not empty/);
    await augmentDataset({ data: source, out, multiply: 1, force: true });
  });
});
