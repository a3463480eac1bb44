import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { smallMnist, tempDir } from '../helpers.js';

/** Set in a child process: a JSON [data, out] to train twice on, printing the weights' hashes. */
const CHILD = 'SYNTH_TEST_TRAIN_TWICE';
const here = fileURLToPath(import.meta.url);
const lateNotify = new URL('./late-notify.js', import.meta.url).href;

if (process.env[CHILD] !== undefined) {
  const [data, out] = JSON.parse(process.env[CHILD]) as [string, string];
  const { selectBackend } = await import('../../src/train/backend.js');
  const { trainModel } = await import('../../src/train/train-model.js');
  // One helper thread whatever the cores, so that batches are split between two threads.
  await selectBackend('wasm', { threads: 2 });
  const hashes: string[] = [];
  for (const run of ['first', 'second']) {
    const summary = await trainModel({ data: [{ dir: data }], out: path.join(out, run), epochs: 2, valSplit: 0, seed: 3, backend: 'wasm' });
    hashes.push(createHash('sha256').update(readFileSync(path.join(summary.modelDir, 'weights.bin'))).digest('hex'));
  }
  process.stdout.write(JSON.stringify(hashes));
} else {
  describe('training on the wasm backend with helper threads', () => {
    it('gives the same weights, byte for byte, run after run in one process and when helpers notify late', async () => {
      const root = tempDir();
      const data = await smallMnist(path.join(root, 'mnist'), 30, 1);
      const plain = await trainTwice(data, path.join(root, 'plain'), []);
      assert.equal(plain[1], plain[0], 'the second training in the process differs from the first');
      const late = await trainTwice(data, path.join(root, 'late'), ['--import', lateNotify]);
      assert.deepEqual(late, plain, 'helpers that notify late change the weights');
    });
  });
}

/** Runs this file as a child that trains twice; rejects if it fails or takes over a minute (a hang: a helper out of step with the main thread). */
function trainTwice(data: string, out: string, nodeArgs: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, here], { env: { ...process.env, [CHILD]: JSON.stringify([data, out]) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout) as string[]);
      else reject(new Error(`the training child ${signal === 'SIGKILL' ? 'hung (killed after 60 s)' : `exited with ${code}`}: ${stderr.slice(-2000)}`));
    });
  });
}
