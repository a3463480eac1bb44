import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readDatasetMeta, readManifest } from '../../src/dataset/index.js';
import { importMnist } from '../../src/import/import-mnist.js';
import { tempDir } from '../helpers.js';

describe('importMnist', () => {
  it('imports the 10,000 digits with a fixed train/test split', async () => {
    const out = path.join(tempDir(), 'mnist');
    const result = await importMnist({ out });
    assert.equal(result.count, 10000);
    assert.deepEqual(result.bySplit, { train: 8004, test: 1996 });
    const meta = (await readDatasetMeta(out))!;
    assert.equal(meta.kind, 'real');
    assert.deepEqual(meta.image, { width: 28, height: 28, channels: 1 });
    const records = await readManifest(out);
    const testPerDigit = Array.from({ length: 10 }, (_, d) => records.filter((r) => r.label === d && r.split === 'test').length);
    assert.ok(testPerDigit.every((n) => n >= 170 && n <= 226), String(testPerDigit));
    assert.ok(records.every((r) => r.class === String(r.label)));
    await assert.rejects(importMnist({ out }), /already exists and is not empty/);
  });
});
