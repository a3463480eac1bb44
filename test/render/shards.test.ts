import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readDatasetMeta } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import { loadScene } from '../../src/render/load-scene.js';
import { mergeShards } from '../../src/render/merge-shards.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { fixture, runCli, tempDir } from '../helpers.js';

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>([['manifest.jsonl', readFileSync(path.join(dir, 'manifest.jsonl'))]]);
  for (const folder of readdirSync(path.join(dir, 'images'))) {
    for (const name of readdirSync(path.join(dir, 'images', folder))) out.set(`${folder}/${name}`, readFileSync(path.join(dir, 'images', folder, name)));
  }
  return out;
}

describe('shards and merge', () => {
  const root = tempDir();
  const scene = loadScene(fixture('scenes/tiny.yaml'));
  const shardDir = (k: number) => path.join(root, `shard-${k}`);

  it('renders each shard\'s share, and the merge equals a single-process run byte for byte', async () => {
    const whole = path.join(root, 'whole');
    await renderDataset({ scene, out: whole, count: 30, seed: 4 });
    for (let k = 0; k < 3; k++) {
      const summary = await renderDataset({ scene, out: shardDir(k), count: 30, seed: 4, shard: { index: k, count: 3 }, concurrency: 1 });
      assert.equal(summary.images, 10);
    }
    const merged = path.join(root, 'merged');
    const result = await mergeShards({ shards: [shardDir(2), shardDir(0), shardDir(1)], out: merged });
    assert.equal(result.images, 30);
    const [a, b] = [files(merged), files(whole)];
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [name, bytes] of b) assert.ok(bytes.equals(a.get(name)!), name);
    const meta = (await readDatasetMeta(merged))!;
    assert.equal(meta.count, 30);
    assert.equal(meta.render?.shard, undefined);
  });

  it('refuses shards that leave indices out or hold one twice', async () => {
    await assert.rejects(mergeShards({ shards: [shardDir(0), shardDir(1)], out: path.join(root, 'm1') }), (e: Error & { details?: string[] }) =>
      /do not make one whole run/.test(e.message) && e.details!.some((d) => /missing 10 of 30 images: 2, 5, 8/.test(d)));
    await assert.rejects(mergeShards({ shards: [shardDir(0), shardDir(0), shardDir(1), shardDir(2)], out: path.join(root, 'm2') }), (e: Error & { details?: string[] }) =>
      e.details!.some((d) => /image 0 is in both/.test(d)));
  });

  it('names a shard whose manifest was cut short', async () => {
    const cut = path.join(root, 'shard-1-cut');
    cpSync(shardDir(1), cut, { recursive: true });
    const manifest = path.join(cut, 'manifest.jsonl');
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, text.slice(0, text.length - 20));
    await assert.rejects(mergeShards({ shards: [shardDir(0), cut, shardDir(2)], out: path.join(root, 'm3') }), (e: Error & { details?: string[] }) =>
      e.details!.some((d) => /shard-1-cut\/manifest\.jsonl: 1 line cut short, unreadable or naming a missing image; resume/.test(d)));
  });

  it('never replaces its shards, or a folder that is not a dataset, even with force', async () => {
    await assert.rejects(mergeShards({ shards: [shardDir(0), shardDir(1), shardDir(2)], out: root, force: true }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 2 && /is or holds .*shard-0, which this command reads/.test(e.message));
    const notes = path.join(root, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'thesis.txt'), 'months of work');
    await assert.rejects(mergeShards({ shards: [shardDir(0), shardDir(1), shardDir(2)], out: notes, force: true }), /notes: exists and is not a synth dataset/);
    assert.ok(existsSync(path.join(notes, 'thesis.txt')));
    assert.equal((await readDatasetMeta(shardDir(0)))?.count, 10);
  });

  it('refuses to resume a shard folder as another shard', async () => {
    const result = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '30', '--seed', '4', '--out', shardDir(0), '--shard', '1/3']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /shard 0\/3.*shard 1\/3/s);
    const bad = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '30', '--out', path.join(root, 'x'), '--shard', '3/3']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--shard.*expected k\/N/);
  });
});
