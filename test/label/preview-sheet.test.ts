import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { DatasetBuilder } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import { previewSheet } from '../../src/label/preview-sheet.js';
import { tempDir } from '../helpers.js';
import { writeLabelDataset } from './label-dataset.js';

describe('previewSheet', () => {
  it('tiles the images and draws each labelled box', async () => {
    const root = tempDir();
    const builder = await DatasetBuilder.create({ out: path.join(root, 'd'), kind: 'synthetic', name: 't', classes: ['a'], image: { width: 10, height: 10, channels: 1 } });
    for (let i = 0; i < 4; i++) {
      await builder.add({ pixels: Buffer.alloc(100), label: 0, split: 'train', extra: { objects: [{ class: 'a', pixels: 4, box: [2, 2, 5, 5] }] } });
    }
    const dataset = await builder.commit();
    const out = path.join(root, 'sheet.png');
    const result = await previewSheet({ dataset, out, tile: 100 });
    assert.equal(result.images, 4);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [2 * 104 + 4, 2 * 104 + 4]);
    // The box's left edge in the first tile: x = 4 + 2 × 10, y in the middle of the box.
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const edge = at(4 + 20, 4 + 45);
    assert.ok(edge[0]! > 150 && edge[1]! < 120, `box edge colour ${edge}`);
    assert.deepEqual(at(4 + 45, 4 + 45), [0, 0, 0], 'inside the box the image shows');
  });

  it('names a missing image and an output path that is a folder, writing no sheet', async () => {
    const root = tempDir();
    const builder = await DatasetBuilder.create({ out: path.join(root, 'd'), kind: 'synthetic', name: 't', classes: ['a'], image: { width: 10, height: 10, channels: 1 } });
    for (let i = 0; i < 2; i++) await builder.add({ pixels: Buffer.alloc(100), label: 0, split: 'train' });
    const dataset = await builder.commit();
    await assert.rejects(previewSheet({ dataset, out: root }), (e: unknown) => e instanceof SynthError && e.exitCode === 2 && /: is a folder; name the PNG file/.test(e.message));
    rmSync(path.join(dataset, 'images', '000', '000001.png'));
    const out = path.join(root, 'sheet.png');
    await assert.rejects(previewSheet({ dataset, out }), (e: unknown) => e instanceof SynthError && /000001\.png: cannot read image \(missing\)/.test(e.message));
    assert.ok(!existsSync(out));
  });

  it('outlines each instance of the mask in its object\'s colour', async () => {
    const root = tempDir();
    // An L: columns 2..3 of rows 2..7, then rows 6..7 out to column 7 (painted as two rects of one object).
    const data = await writeLabelDataset(path.join(root, 'd'), [
      { rects: [{ class: 'a', x0: 2, y0: 2, x1: 4, y1: 8 }, { class: 'a', x0: 4, y0: 6, x1: 8, y1: 8 }], edit: () => [{ class: 'a', box: [2, 2, 6, 6] }] },
    ], { width: 10, height: 10 });
    // The second rect is value 2 in the mask and claimed by no object: drawn grey.
    const out = path.join(root, 'sheet.png');
    await previewSheet({ dataset: data.dir, out, tile: 100 });
    const { data: pixels, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...pixels.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    // Inside the box, on the L's inner edge: the right border of column 3 (tile x = 4 + 39), row 4.
    assert.deepEqual(at(4 + 39, 4 + 45), [0xff, 0x40, 0x40], 'outline in the first object colour');
    assert.notDeepEqual(at(4 + 35, 4 + 45), [0xff, 0x40, 0x40], 'the inside is not outlined');
    assert.deepEqual(at(4 + 60, 4 + 60), [0x80, 0x80, 0x80], 'an unclaimed mask value is outlined grey');
  });
});
