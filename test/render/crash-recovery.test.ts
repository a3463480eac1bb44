import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readManifest } from '../../src/dataset/index.js';
import { loadScene } from '../../src/render/load-scene.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { fixture, tempDir } from '../helpers.js';
import { assertSameDataset } from './same-dataset.js';

/** Kills (SIGKILL) the Chromium processes this process started. */
function killChromium(): number {
  const pids = execFileSync('pgrep', ['-P', String(process.pid), 'chromium'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
  return pids.length;
}

describe('a browser crash mid-run', () => {
  it('is survived: the browser is relaunched, lost batches are rendered again, every index exactly once', async () => {
    const root = tempDir();
    const scene = loadScene(fixture('scenes/tiny.yaml'));
    const reference = path.join(root, 'reference');
    await renderDataset({ scene, out: reference, count: 160, seed: 8 });

    const crashed = path.join(root, 'crashed');
    let killed = 0;
    const summary = await renderDataset({
      scene, out: crashed, count: 160, seed: 8, batchSize: 8,
      onProgress: ({ done }) => {
        if (done >= 40 && killed === 0) killed = killChromium();
      },
    });
    assert.ok(killed > 0, 'the browser was killed');
    assert.equal(summary.rendered, 160);
    const records = await readManifest(crashed);
    assert.deepEqual(records.map((r) => r.id), [...Array(160).keys()]);
    assertSameDataset(crashed, reference);
  });
});
