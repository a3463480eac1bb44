import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { imageFile, readDatasetMeta, readManifest } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { cliPath, fixture, runCli, tempDir } from '../helpers.js';
import { assertSameDataset } from './same-dataset.js';

const tiny = fixture('scenes/tiny.yaml');

describe('renderDataset', () => {
  const root = tempDir();
  const reference = path.join(root, 'reference');

  it('renders a labelled dataset folder through Chromium', async () => {
    const summary = await renderDataset({ scene: tiny, out: reference, count: 40, seed: 5, concurrency: 2, batchSize: 8 });
    assert.equal(summary.images, 40);
    assert.equal(summary.rendered, 40);
    assert.match(summary.renderer, /\S/);
    const meta = (await readDatasetMeta(reference))!;
    assert.equal(meta.complete, true);
    assert.equal(meta.count, 40);
    assert.equal(meta.render?.seed, 5);
    assert.equal(meta.render?.renderer, summary.renderer);
    assert.deepEqual(meta.image, { width: 32, height: 32, channels: 1 });
    const records = await readManifest(reference);
    assert.deepEqual(records.map((r) => r.id), [...Array(40).keys()]);
    for (const r of records) {
      assert.equal(r.file, imageFile(r.id));
      assert.ok(existsSync(path.join(reference, r.file)));
      assert.equal(r.class, String(r.label));
      const params = r.params as { objects: { class: string }[]; camera: { elevation: number } };
      assert.equal(params.objects[0]!.class, r.class);
      assert.ok(params.camera.elevation >= 70);
    }
    for (const r of records) {
      const box = r.box as [number, number, number, number] | null;
      if (box) assert.ok(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 32 && box[1] + box[3] <= 32, `box ${box} inside the 32×32 image`);
    }
    const visible = records.filter((r) => (r.pixels as number) > 20).length;
    assert.ok(visible >= 36, `the digit is visible in ${visible}/40 frames`);
  });

  it('gives the same bytes at another concurrency and batch size', async () => {
    const other = path.join(root, 'other');
    await renderDataset({ scene: tiny, out: other, count: 40, seed: 5, concurrency: 1, batchSize: 3 });
    assertSameDataset(other, reference);
  });

  it('resumes an interrupted folder: only missing images are rendered, and the result is the same', async () => {
    const broken = path.join(root, 'broken');
    cpSync(reference, broken, { recursive: true });
    for (const id of [3, 17, 20]) rmSync(path.join(broken, imageFile(id)));
    const manifest = path.join(broken, 'manifest.jsonl');
    truncateSync(manifest, readFileSync(manifest).length - 40); // a torn last line
    writeFileSync(path.join(broken, 'images/000/000005.png.tmp-999'), 'half an image');
    const summary = await renderDataset({ scene: tiny, out: broken, count: 40 });
    assert.equal(summary.seed, 5, 'the recorded seed is reused when none is given');
    assert.equal(summary.rendered, 4);
    assert.equal(summary.alreadyPresent, 36);
    assertSameDataset(broken, reference);
    assert.equal(existsSync(path.join(broken, 'images/000/000005.png.tmp-999')), false);
  });

  it('extends a finished run when asked for more images', async () => {
    const grown = path.join(root, 'grown');
    await renderDataset({ scene: tiny, out: grown, count: 25, seed: 5 });
    const summary = await renderDataset({ scene: tiny, out: grown, count: 40, seed: 5 });
    assert.equal(summary.rendered, 15);
    assertSameDataset(grown, reference);
  });

  it('refuses a folder made from another seed unless forced, leaving it untouched', async () => {
    const target = path.join(root, 'reseed');
    cpSync(reference, target, { recursive: true });
    await assert.rejects(renderDataset({ scene: tiny, out: target, count: 40, seed: 6 }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 2 && /seed 5.*seed 6.*--force/s.test(e.message));
    assertSameDataset(target, reference);
    const summary = await renderDataset({ scene: tiny, out: target, count: 10, seed: 6, force: true });
    assert.equal(summary.images, 10);
    assert.equal((await readDatasetMeta(target))?.render?.seed, 6);
  });

  it('refuses to resume a folder rendered by another build of synth unless forced', async () => {
    const target = path.join(root, 'rebuilt');
    cpSync(reference, target, { recursive: true });
    const metaFile = path.join(target, 'dataset.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { count: number; render: { build: string } };
    assert.match(meta.render.build, /^[0-9a-f]{64}$/);
    meta.render.build = 'f'.repeat(64);
    meta.count = 30;
    writeFileSync(metaFile, JSON.stringify(meta));
    const kept = readFileSync(metaFile);
    await assert.rejects(renderDataset({ scene: tiny, out: target, count: 50, seed: 5 }),
      (e: unknown) => e instanceof SynthError && e.exitCode === 2 && /another build of synth \(renderer ffffffffffff, this one [0-9a-f]{12}\).*--force/s.test(e.message));
    assert.ok(readFileSync(metaFile).equals(kept), 'the refused folder is untouched');
    const summary = await renderDataset({ scene: tiny, out: target, count: 40, seed: 5, force: true });
    assert.equal(summary.rendered, 40);
    assertSameDataset(target, reference);
  });

  it('refuses a non-empty folder that is not a synth dataset', async () => {
    const target = path.join(root, 'foreign');
    cpSync(path.join(reference, 'images'), path.join(target, 'images'), { recursive: true });
    await assert.rejects(renderDataset({ scene: tiny, out: target, count: 5, force: true }), /is not a synth dataset/);
  });
});

describe('synth render (CLI)', () => {
  it('survives kill -9 mid-run: the resumed folder equals an uninterrupted run', async () => {
    const root = tempDir();
    const [killed, whole] = [path.join(root, 'killed'), path.join(root, 'whole')];
    const args = (out: string) => ['render', tiny, '--count', '240', '--out', out, '--seed', '11', '--batch', '4'];
    const child = spawn(process.execPath, [cliPath, ...args(killed)], { stdio: 'ignore' });
    const manifest = path.join(killed, 'manifest.jsonl');
    const lines = () => (existsSync(manifest) ? readFileSync(manifest, 'utf8').split('\n').length - 1 : 0);
    const deadline = Date.now() + 60_000;
    while (lines() < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = lines();
    assert.ok(before >= 60 && before < 240, `killed with ${before} of 240 manifest lines`);

    const resumed = await runCli(args(killed));
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /resuming/);
    assert.equal((await runCli(args(whole))).code, 0);
    const records = await readManifest(killed);
    assert.equal(records.length, 240);
    assert.equal(new Set(records.map((r) => r.id)).size, 240);
    assertSameDataset(killed, whole);
  });

  it('exits 2 on a bad config and creates no dataset folder', async () => {
    const root = tempDir();
    const scene = path.join(root, 'bad.yaml');
    writeFileSync(scene, readFileSync(tiny, 'utf8').replace('kind: glyph', 'kind: glyph\n    scale: -1'));
    const out = path.join(root, 'out');
    const result = await runCli(['render', scene, '--count', '5', '--out', out]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /bad\.yaml: invalid scene config/);
    assert.match(result.stderr, /objects\[0\]: unknown key "scale"/);
    assert.equal(existsSync(out), false);
  });

  it('exits 2 on bad flags', async () => {
    const result = await runCli(['render', tiny, '--count', 'many', '--out', tempDir()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--count.*expected a whole number/);
  });
});
