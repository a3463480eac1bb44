import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DatasetCache, MANIFEST_FILE, type DatasetMeta, inDataset, readDatasetMeta, readImages, readManifest, rewriteManifest } from '../../src/dataset/index.js';
import { smallMnist, tempDir } from '../helpers.js';

const PER = 28 * 28;

async function dataset(): Promise<{ dir: string; meta: DatasetMeta }> {
  const dir = await smallMnist(path.join(tempDir(), 'mnist'), 2, 0);
  return { dir, meta: (await readDatasetMeta(dir))! };
}

describe('DatasetCache', () => {
  it('decodes each image once and gives the same pixels as reading from disk', async () => {
    const { dir, meta } = await dataset();
    const cache = new DatasetCache();
    const records = await cache.manifest(dir);
    const fromDisk = await readImages(dir, meta, records);
    const first = await cache.images(dir, meta, records.slice(0, 12));
    assert.deepEqual(first.pixels, fromDisk.pixels.subarray(0, 12 * PER));
    assert.equal(cache.heldBytes, 12 * PER);

    // With the first 12 images gone from disk, only the cached ones can still be read.
    for (const r of records.slice(0, 12)) rmSync(inDataset(dir, r.file));
    const again = await cache.images(dir, meta, [...records].reverse());
    const reversed = (await readImages(dir, meta, [...records.slice(12)].reverse()));
    assert.deepEqual(again.pixels.subarray(0, 8 * PER), reversed.pixels);
    for (let i = 0; i < 12; i++) {
      assert.deepEqual(again.pixels.subarray((19 - i) * PER, (20 - i) * PER), fromDisk.pixels.subarray(i * PER, (i + 1) * PER));
    }
    assert.equal(cache.heldBytes, 20 * PER);
    await assert.rejects(readImages(dir, meta, records.slice(0, 1)), /cannot read image/);
  });

  it('forgets a dataset whose manifest changed on disk', async () => {
    const { dir, meta } = await dataset();
    const cache = new DatasetCache();
    const records = await cache.manifest(dir);
    await cache.images(dir, meta, records);
    assert.equal(cache.heldBytes, 20 * PER);

    const lines = readFileSync(path.join(dir, MANIFEST_FILE), 'utf8').split('\n').filter((l) => l !== '');
    await rewriteManifest(dir, lines.slice(1));
    assert.equal((await cache.manifest(dir)).length, 19);
    assert.equal(cache.heldBytes, 0);
    rmSync(inDataset(dir, records[1]!.file));
    await assert.rejects(cache.images(dir, meta, records.slice(1)), new RegExp(`${records[1]!.file}: cannot read image`));
  });

  it('keeps no more decoded bytes than allowed, and still reads every image', async () => {
    const { dir, meta } = await dataset();
    const cache = new DatasetCache(5 * PER + 1);
    const records = await readManifest(dir);
    const batch = await cache.images(dir, meta, records);
    assert.deepEqual(batch.pixels, (await readImages(dir, meta, records)).pixels);
    assert.equal(cache.heldBytes, 5 * PER);
  });

  it('hands out records a caller may reorder without changing what the next caller gets', async () => {
    const { dir } = await dataset();
    const cache = new DatasetCache();
    const first = await cache.manifest(dir);
    first.reverse().pop();
    assert.deepEqual((await cache.manifest(dir)).map((r) => r.id), (await readManifest(dir)).map((r) => r.id));
  });
});
