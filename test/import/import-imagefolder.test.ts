import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { readDatasetMeta, readImages, readManifest } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import { importImageFolder } from '../../src/import/import-imagefolder.js';
import { tempDir } from '../helpers.js';

async function tree(root: string, files: Record<string, [number, number, number] | 'corrupt'>): Promise<void> {
  for (const [file, colour] of Object.entries(files)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    if (colour === 'corrupt') writeFileSync(full, 'not a png');
    else await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } }).png().toFile(full);
  }
}

describe('importImageFolder', () => {
  it('takes classes from folder names and splits from train/test folders, resizing every image', async () => {
    const root = path.join(tempDir(), 'tree');
    await tree(root, { 'train/cat/a.png': [200, 0, 0], 'train/dog/b.png': [0, 200, 0], 'train/dog/c.jpg': [0, 0, 200], 'test/cat/d.png': [90, 90, 90] });
    const out = path.join(root, '..', 'out');
    const result = await importImageFolder({ root, out, width: 8, height: 6, channels: 3 });
    assert.deepEqual(result.bySplit, { train: 3, test: 1 });
    const meta = (await readDatasetMeta(out))!;
    assert.deepEqual(meta.classes, ['cat', 'dog']);
    const records = await readManifest(out);
    assert.deepEqual(records.map((r) => `${r.split}/${r.class}`), ['train/cat', 'train/dog', 'train/dog', 'test/cat']);
    const images = await readImages(out, meta, records);
    assert.deepEqual([images.width, images.height, images.channels], [8, 6, 3]);
    assert.deepEqual([...images.pixels.subarray(0, 3)], [200, 0, 0]);
  });

  it('refuses a tree with an unreadable image, naming it and writing nothing; --skip-bad imports the rest', async () => {
    const root = path.join(tempDir(), 'tree');
    await tree(root, { 'cat/a.png': [1, 2, 3], 'cat/broken.png': 'corrupt', 'dog/b.png': [4, 5, 6] });
    const out = path.join(root, '..', 'out');
    await assert.rejects(importImageFolder({ root, out, width: 4, height: 4, channels: 1 }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 2 && e.details.some((d) => d.includes('cat/broken.png')));
    assert.equal(existsSync(out), false);
    const result = await importImageFolder({ root, out, width: 4, height: 4, channels: 1, skipBad: true });
    assert.equal(result.count, 2);
    assert.equal(result.skipped.length, 1);
    const allBad = path.join(tempDir(), 'all-bad');
    await tree(allBad, { 'cat/broken.png': 'corrupt' });
    await assert.rejects(importImageFolder({ root: allBad, out: path.join(allBad, '..', 'out'), width: 4, height: 4, channels: 1, skipBad: true }),
      (e: unknown) => e instanceof SynthError && /all-bad: none of its 1 image\(s\) could be read/.test(e.message));
  });

  it('refuses a tree that mixes split folders with class folders, naming both, rather than dropping the class folders', async () => {
    const root = path.join(tempDir(), 'tree');
    await tree(root, { 'train/cat/a.png': [1, 2, 3], 'test/cat/b.png': [4, 5, 6], 'dog/c.png': [7, 8, 9] });
    const out = path.join(root, '..', 'out');
    await assert.rejects(importImageFolder({ root, out, width: 4, height: 4, channels: 1 }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 2 && /holds split folders \(train, test\) and other folders \(dog\)/.test(e.message));
    assert.equal(existsSync(out), false);
  });

  it('refuses to write the dataset over the tree it reads, even with force', async () => {
    const root = path.join(tempDir(), 'tree');
    await tree(root, { 'cat/a.png': [1, 2, 3], 'dog/b.png': [4, 5, 6] });
    for (const out of [root, path.dirname(root)]) {
      await assert.rejects(importImageFolder({ root, out, width: 4, height: 4, channels: 1, force: true }),
        (e: unknown) => e instanceof SynthError && e.exitCode === 2 && /is or holds .*tree, which this command reads/.test(e.message));
    }
    assert.ok(existsSync(path.join(root, 'cat', 'a.png')) && existsSync(path.join(root, 'dog', 'b.png')));
  });
});
