import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { SynthError } from '../../src/errors.js';
import { exportDataset } from '../../src/label/export/export-dataset.js';
import { runCli, tempDir } from '../helpers.js';
import { type FixtureDataset, standardDataset, writeLabelDataset } from './label-dataset.js';

const root = tempDir();

/** What is in `root`, so a test can check that a refused export left nothing behind. */
function entries(dir = root): string[] {
  return readdirSync(dir).sort();
}

async function refuses(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof SynthError, String(e));
    assert.equal(e.exitCode, 2);
    assert.match(e.describe(), pattern);
    return true;
  });
}

describe('exportDataset', () => {
  let data: FixtureDataset;
  before(async () => {
    data = await standardDataset(path.join(root, 'data'));
  });

  it('refuses a folder that is not a dataset, naming dataset.json, and writes nothing', async () => {
    const before = entries();
    mkdirSync(path.join(root, 'empty'));
    await refuses(exportDataset({ dataset: path.join(root, 'empty'), format: 'coco', out: path.join(root, 'o1') }), /empty: not a synth dataset \(no dataset\.json\)/);
    assert.deepEqual(entries(), [...before, 'empty'].sort());
  });

  it('refuses an unknown format, naming --format and the value', async () => {
    const before = entries();
    await refuses(exportDataset({ dataset: data.dir, format: 'coco,voc', out: path.join(root, 'o2') }), /--format: unknown format "voc"; expected one or more of coco, yolo, imagefolder, depth/);
    assert.deepEqual(entries(), before);
  });

  it('refuses an occupied folder that is not an export, and leaves it as it was', async () => {
    const occupied = path.join(root, 'occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'notes.txt'), 'mine');
    const before = entries();
    await refuses(exportDataset({ dataset: data.dir, format: 'yolo', out: occupied }), /--out .*occupied: is not empty and not a synth export; choose another --out, or --force/);
    assert.deepEqual(entries(), before);
    assert.deepEqual(entries(occupied), ['notes.txt']);
  });

  it('never exports into the dataset folder, even with force', async () => {
    await refuses(exportDataset({ dataset: data.dir, format: 'yolo', out: data.dir, force: true }), /is the dataset folder or holds it/);
    await refuses(exportDataset({ dataset: data.dir, format: 'yolo', out: path.join(data.dir, 'images'), force: true }), /lies inside the dataset folder/);
    await refuses(exportDataset({ dataset: data.dir, format: 'coco', out: path.join(data.dir, 'dataset.json'), force: true }), /inside the dataset folder a COCO file goes under annotations\//);
    await refuses(exportDataset({ dataset: data.dir, format: 'coco,yolo', out: path.join(root, 'x.json') }), /a \.json path is for --format coco alone/);
    assert.ok(existsSync(path.join(data.dir, 'dataset.json')));
  });

  it('replaces a previous export of the same dataset cleanly', async () => {
    const out = path.join(root, 'again');
    await exportDataset({ dataset: data.dir, format: 'coco,yolo', out });
    assert.ok(existsSync(path.join(out, 'labels')));
    const summary = await exportDataset({ dataset: data.dir, format: 'imagefolder', out });
    assert.deepEqual(summary.formats.map((f) => f.format), ['imagefolder']);
    assert.deepEqual(entries(out), ['export.json', 'test', 'train', 'val']);
    const marker = JSON.parse(readFileSync(path.join(out, 'export.json'), 'utf8')) as { formats: { format: string }[] };
    assert.deepEqual(marker.formats.map((f) => f.format), ['imagefolder']);
    assert.deepEqual(entries().filter((e) => e.includes('.export-')), [], 'no staging or replaced folder is left');
  });

  it('refuses an export of another dataset unless forced', async () => {
    const other = await writeLabelDataset(path.join(root, 'other'), [{ rects: [] }], { name: 'other' });
    const out = path.join(root, 'again');
    await refuses(exportDataset({ dataset: other.dir, format: 'coco', out }), /holds an export of another dataset \(.*data\)/);
    await exportDataset({ dataset: other.dir, format: 'coco', out, force: true });
    assert.deepEqual(entries(out), ['annotations', 'export.json', 'images']);
  });

  it('leaves nothing behind when it fails part way (a mask that is not a PNG)', async () => {
    const broken = await writeLabelDataset(path.join(root, 'broken'), [
      { rects: [{ class: 'a', x0: 0, y0: 0, x1: 3, y1: 3 }] },
      { rects: [{ class: 'b', x0: 0, y0: 0, x1: 3, y1: 3 }] },
    ]);
    writeFileSync(path.join(broken.dir, 'masks/000/000001.png'), 'not a png');
    const before = entries();
    await refuses(exportDataset({ dataset: broken.dir, format: 'coco,yolo', out: path.join(root, 'new', 'deeper') }), /masks\/000\/000001\.png: cannot read the instance mask/);
    assert.deepEqual(entries(), before, 'not even the parent folder it made');
  });

  it('refuses a missing mask, an unknown class, and detection formats on a classification dataset', async () => {
    const missing = await writeLabelDataset(path.join(root, 'missing'), [{ rects: [{ class: 'a', x0: 0, y0: 0, x1: 3, y1: 3 }] }]);
    readdirSync(path.join(missing.dir, 'masks/000')).forEach((f) => writeFileSync(path.join(missing.dir, 'masks/000', f), ''));
    const gone = path.join(missing.dir, 'masks/000/000000.png');
    (await import('node:fs')).rmSync(gone);
    await refuses(exportDataset({ dataset: missing.dir, format: 'coco', out: path.join(root, 'o3') }), /masks\/000\/000000\.png: the instance mask of record 0 is missing \(listed in manifest\.jsonl\)/);
    const unknown = await writeLabelDataset(path.join(root, 'unknown'), [{ rects: [{ class: 'z', x0: 0, y0: 0, x1: 3, y1: 3 }], class: 'a' }]);
    await refuses(exportDataset({ dataset: unknown.dir, format: 'yolo', out: path.join(root, 'o4') }), /record 0 \(images\/000\/000000\.png\): objects\[0\]\.class is "z", not one of dataset\.json classes/);
    const classification = await writeLabelDataset(path.join(root, 'mnistish'), [{}, { class: 'b' }]);
    await refuses(exportDataset({ dataset: classification.dir, format: 'coco', out: path.join(root, 'o5') }), /no record has object labels .* --format imagefolder fits it/);
    await refuses(exportDataset({ dataset: classification.dir, format: 'depth', out: path.join(root, 'o5') }), /dataset\.json: invalid depth description .*\n.*depth: /);
    assert.ok(!existsSync(path.join(root, 'o3')) && !existsSync(path.join(root, 'o4')) && !existsSync(path.join(root, 'o5')));
  });

  it('applies label filters at export: drop leaves objects out, flag makes them crowd regions', async () => {
    const out = path.join(root, 'filtered');
    const summary = await exportDataset({ dataset: data.dir, format: 'coco', out, labels: { minVisibility: 0.5, mode: 'drop' } });
    assert.equal(summary.counts.dropped, 2, 'the truncated c (a third visible) and the hidden b');
    const flagged = path.join(root, 'flagged');
    await exportDataset({ dataset: data.dir, format: 'coco', out: flagged, labels: { minVisibility: 0.5 } });
    const coco = JSON.parse(readFileSync(path.join(flagged, 'annotations/coco.json'), 'utf8')) as { annotations: { iscrowd: number }[] };
    assert.equal(coco.annotations.filter((a) => a.iscrowd === 1).length, 2);
    await refuses(exportDataset({ dataset: data.dir, format: 'coco', out: path.join(root, 'o6'), labels: { minVisibility: 2 } }), /minVisibility: expected a fraction in \[0, 1\], got 2/);
  });

  it('stops when its signal is aborted, writing nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(exportDataset({ dataset: data.dir, format: 'yolo', out: path.join(root, 'stopped'), signal: controller.signal }), /interrupted/);
    assert.deepEqual(entries().filter((e) => e.startsWith('stopped')), []);
  });
});

describe('synth export', () => {
  it('exports from the command line and prints what it wrote', async () => {
    const data = await standardDataset(path.join(root, 'cli-data'));
    const out = path.join(root, 'cli-out');
    const result = await runCli(['export', data.dir, '--format', 'coco,yolo', '--out', out, '--min-pixels', '5', '--label-mode', 'drop']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /coco: 6 images, 8 objects, 1 records skipped/);
    assert.match(result.stdout, /yolo: 6 images, 8 objects, 1 records skipped/);
    assert.match(result.stderr, /label filters dropped 2 object/);
  });

  it("exits 2 naming the flag for an unknown format and for the dataset's own folder", async () => {
    const data = await standardDataset(path.join(root, 'cli-data2'));
    let result = await runCli(['export', data.dir, '--format', 'pascal', '--out', path.join(root, 'cli-x')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--format: unknown format "pascal"/);
    result = await runCli(['export', data.dir, '--format', 'coco', '--out', data.dir]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--out .*cli-data2: is the dataset folder/);
    assert.ok(!existsSync(path.join(root, 'cli-x')));
  });
});
