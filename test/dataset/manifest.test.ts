import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { OrderedManifestWriter, imageFile, scanManifest } from '../../src/dataset/index.js';
import { tempDir } from '../helpers.js';

const record = (id: number) => ({ id, file: imageFile(id), split: 'train', label: id % 10, class: String(id % 10) });

function withImages(dir: string, ids: number[]): void {
  for (const id of ids) {
    const file = path.join(dir, imageFile(id));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'png');
  }
}

describe('imageFile', () => {
  it('shards 1000 images a folder with sortable names', () => {
    assert.equal(imageFile(0), 'images/000/000000.png');
    assert.equal(imageFile(999), 'images/000/000999.png');
    assert.equal(imageFile(1000), 'images/001/001000.png');
    assert.equal(imageFile(123456), 'images/123/123456.png');
  });
});

describe('scanManifest', () => {
  it('keeps trusted records and drops torn, invalid, duplicate and image-less lines', async () => {
    const dir = tempDir();
    withImages(dir, [0, 1, 2, 3]);
    const lines = [record(0), record(1), { id: 2, nonsense: true }, record(1), record(5), record(3)].map((r) => JSON.stringify(r));
    writeFileSync(path.join(dir, 'manifest.jsonl'), `${lines.join('\n')}\n{"id": 4, "fi`);
    const scan = await scanManifest(dir);
    assert.deepEqual(scan.records.map((r) => r.id), [0, 1, 3]);
    assert.equal(scan.dropped, 4);
  });
});

describe('OrderedManifestWriter', () => {
  it('writes records in the given order whatever order they arrive in', async () => {
    const dir = tempDir();
    const writer = await OrderedManifestWriter.open(dir, [2, 3, 5, 8]);
    writer.add(5, record(5));
    writer.add(3, record(3));
    assert.equal(readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8'), '', 'nothing before id 2 arrives');
    assert.equal(writer.pending, 2);
    writer.add(2, record(2));
    writer.add(8, record(8));
    writer.close();
    const ids = readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
    assert.deepEqual(ids, [2, 3, 5, 8]);
  });
});
