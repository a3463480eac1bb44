import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { readManifest } from '../../src/dataset/index.js';
import { fixture, runCli, tempDir } from '../helpers.js';
import { assertSameDataset } from './same-dataset.js';

const tiny = fixture('scenes/tiny.yaml');

/** Mounts a tmpfs of `size` at `dir` (needs root, as the set-up and CI have). */
function mountTmpfs(dir: string, size: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
}

describe('a full disk', () => {
  // Registered before tempDir's own clean-up, so that it runs first: a mounted folder cannot be removed.
  after(() => execFileSync('umount', ['-l', disk]));
  const root = tempDir();
  const disk = path.join(root, 'disk');
  const out = path.join(disk, 'digits');
  const reference = path.join(root, 'reference');
  // 400 images, each at least one 4 KiB tmpfs page, cannot fit in 640 KiB.
  before(() => mountTmpfs(disk, '640k'));
  const args = (dir: string) => ['render', tiny, '--count', '400', '--out', dir, '--seed', '3', '--concurrency', '2'];

  it('stops the run with a clear message, keeping only whole images and whole manifest lines', async () => {
    const full = await runCli(args(out));
    assert.notEqual(full.code, 0, 'the run must fail');
    assert.match(full.stderr, /disk is full \(ENOSPC\)/);
    assert.match(full.stderr, /run the same command again to resume/);
    assert.ok(full.stderr.includes(out), `the message names the folder: ${full.stderr}`);

    const records = await readManifest(out);
    assert.ok(records.length > 0 && records.length < 400, `some but not all images were kept: ${records.length}`);
    for (const record of records) {
      const meta = await sharp(path.join(out, record.file)).metadata();
      assert.equal(meta.width, 32, `${record.file} is a whole image`);
    }
  });

  it('resumes once there is room, ending with exactly the images of an uninterrupted run', async () => {
    execFileSync('mount', ['-o', 'remount,size=64m', disk]);
    const resumed = await runCli(args(out));
    assert.equal(resumed.code, 0, resumed.stderr);
    const whole = await runCli(args(reference));
    assert.equal(whole.code, 0, whole.stderr);

    const records = await readManifest(out);
    assert.deepEqual(records.map((r) => r.id).sort((a, b) => a - b), [...Array(400).keys()]);
    assertSameDataset(out, reference);
  });
});
