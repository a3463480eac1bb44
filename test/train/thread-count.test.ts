import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { smallMnist, tempDir } from '../helpers.js';

/** Set in a child process: a JSON [data, out, threads] to train both models on, printing [threads used, the weights' hashes]. */
const CHILD = 'SYNTH_TEST_TRAIN_ON_THREADS';
const here = fileURLToPath(import.meta.url);

if (process.env[CHILD] !== undefined) {
  const [data, out, threads] = JSON.parse(process.env[CHILD]) as [string, string, number];
  const { selectBackend } = await import('../../src/train/backend.js');
  const { trainModel } = await import('../../src/train/train-model.js');
  const selected = await selectBackend('wasm', { threads });
  const hashes: string[] = [];
  for (const model of ['reference', 'small-resnet'] as const) {
    const summary = await trainModel({ data: [{ dir: data }], out: path.join(out, model), model, epochs: 2, valSplit: 0, seed: 5, backend: 'wasm' });
    hashes.push(createHash('sha256').update(readFileSync(path.join(summary.modelDir, 'weights.bin'))).digest('hex'));
  }
  process.stdout.write(JSON.stringify([selected.threads, hashes]));
} else {
  describe('training on the wasm backend', () => {
    it('gives the same weights, byte for byte, on 1, 2 and 3 threads (both models)', async () => {
      const root = tempDir();
      // 300 images: batches of 64 and a last one of 44, whose filter gradients are split into chunks.
      const data = await smallMnist(path.join(root, 'mnist'), 30, 1);
      const results: [number, string[]][] = [];
      for (const threads of [1, 2, 3]) {
        const env = { ...process.env, [CHILD]: JSON.stringify([data, path.join(root, `threads-${threads}`), threads]) };
        const { stdout } = await promisify(execFile)(process.execPath, [here], { env, timeout: 60_000 });
        results.push(JSON.parse(stdout) as [number, string[]]);
      }
      assert.deepEqual(results.map(([threads]) => threads), [1, 2, 3], 'the helper threads did not start');
      assert.deepEqual(results[1]![1], results[0]![1], 'the weights on 2 threads differ from those on 1');
      assert.deepEqual(results[2]![1], results[0]![1], 'the weights on 3 threads differ from those on 1');
    });
  });
}
