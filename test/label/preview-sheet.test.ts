import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { DatasetBuilder } from '../../src/dataset/index.js';
import { previewSheet } from '../../src/label/preview-sheet.js';
import { tempDir } from '../helpers.js';

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
});
