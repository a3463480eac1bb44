import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readDatasetMeta, readImages, readManifest } from '../../src/dataset/index.js';
import { readIdxFile } from '../../src/import/idx-file.js';
import { importIdx } from '../../src/import/import-idx.js';
import { tempDir } from '../helpers.js';

function idx(dims: number[], data: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

describe('readIdxFile', () => {
  const dir = tempDir();
  const images = idx([3, 2, 2], [0, 1, 2, 3, 10, 11, 12, 13, 250, 251, 252, 253]);

  it('reads plain and gzipped IDX files alike', () => {
    writeFileSync(path.join(dir, 'plain'), images);
    writeFileSync(path.join(dir, 'packed.gz'), gzipSync(images));
    for (const name of ['plain', 'packed.gz']) {
      const array = readIdxFile(path.join(dir, name));
      assert.deepEqual(array.dims, [3, 2, 2]);
      assert.deepEqual([...array.data.subarray(4, 8)], [10, 11, 12, 13]);
    }
  });

  it('names the file when it is not IDX, truncated, or of another type', () => {
    writeFileSync(path.join(dir, 'text'), 'hello world');
    writeFileSync(path.join(dir, 'short'), images.subarray(0, images.length - 3));
    const floats = Buffer.from(images);
    floats.writeUInt8(0x0d, 2);
    writeFileSync(path.join(dir, 'floats'), floats);
    assert.throws(() => readIdxFile(path.join(dir, 'text')), /text: not an IDX file/);
    assert.throws(() => readIdxFile(path.join(dir, 'short')), /short: truncated or padded/);
    assert.throws(() => readIdxFile(path.join(dir, 'floats')), /floats: IDX type 0xd is not supported/);
  });
});

describe('importIdx', () => {
  it('writes a dataset folder with train and test splits and the given class names', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'train-images'), idx([3, 2, 2], [0, 1, 2, 3, 10, 11, 12, 13, 250, 251, 252, 253]));
    writeFileSync(path.join(dir, 'train-labels'), idx([3], [2, 0, 1]));
    writeFileSync(path.join(dir, 'test-images'), idx([1, 2, 2], [9, 9, 9, 9]));
    writeFileSync(path.join(dir, 'test-labels'), idx([1], [1]));
    const out = path.join(dir, 'out');
    const result = await importIdx({
      out, classes: ['shoe', 'bag', 'coat'],
      sources: [
        { images: path.join(dir, 'train-images'), labels: path.join(dir, 'train-labels'), split: 'train' },
        { images: path.join(dir, 'test-images'), labels: path.join(dir, 'test-labels'), split: 'test' },
      ],
    });
    assert.deepEqual(result.bySplit, { train: 3, test: 1 });
    const meta = (await readDatasetMeta(out))!;
    assert.deepEqual(meta.classes, ['shoe', 'bag', 'coat']);
    const records = await readManifest(out);
    assert.deepEqual(records.map((r) => [r.split, r.class]), [['train', 'coat'], ['train', 'shoe'], ['train', 'bag'], ['test', 'bag']]);
    const batch = await readImages(out, meta, records);
    assert.deepEqual([...batch.pixels.subarray(4, 8)], [10, 11, 12, 13]);
  });

  it('refuses labels beyond the named classes, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'i'), idx([1, 1, 1], [0]));
    writeFileSync(path.join(dir, 'l'), idx([1], [5]));
    const out = path.join(dir, 'out');
    await assert.rejects(importIdx({ out, classes: ['a', 'b'], sources: [{ images: path.join(dir, 'i'), labels: path.join(dir, 'l'), split: 'train' }] }),
      /--classes names 2 classes, but the labels go up to 5/);
    const { existsSync } = await import('node:fs');
    assert.equal(existsSync(out), false);
  });
});
