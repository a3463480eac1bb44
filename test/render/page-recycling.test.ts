import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readManifest } from '../../src/dataset/index.js';
import { loadScene } from '../../src/render/load-scene.js';
import { PagePool } from '../../src/render/page-pool.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { type RenderedFrame, pageInit } from '../../src/render/render-page.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { fixture, tempDir } from '../helpers.js';
import { assertSameDataset } from './same-dataset.js';

const scene = loadScene(fixture('scenes/tiny.yaml'));
const init = pageInit(scene);

/** Renders frames 0..count-1 through a pool, a batch at a time; returns the frames and how many pages were replaced. */
async function renderThroughPool(count: number, recycleAfter: number): Promise<{ frames: RenderedFrame[]; replaced: number }> {
  const pool = await PagePool.open({ size: 2, init, recycleAfter });
  try {
    const root = createRng(3);
    const batches: Promise<RenderedFrame[]>[] = [];
    for (let start = 0; start < count; start += 3) {
      const frames = Array.from({ length: Math.min(3, count - start) }, (_, k) => sampleFrame(scene.spec, root, start + k));
      batches.push(pool.render(frames));
    }
    return { frames: (await Promise.all(batches)).flat(), replaced: pool.replaced };
  } finally {
    await pool.close();
  }
}

describe('page recycling', () => {
  it('replaces pages every few frames and gives the same pixels and ids as pages that are never replaced', async () => {
    const kept = await renderThroughPool(36, 0);
    const recycled = await renderThroughPool(36, 4);
    assert.equal(kept.replaced, 0);
    assert.ok(recycled.replaced >= 3, `${recycled.replaced} pages replaced`);
    assert.equal(recycled.frames.length, 36);
    recycled.frames.forEach((r, i) => {
      assert.equal(r.frame.index, i);
      assert.ok(r.pixels.equals(kept.frames[i]!.pixels), `frame ${i}: pixels differ`);
      assert.ok(r.ids.equals(kept.frames[i]!.ids), `frame ${i}: ids differ`);
    });
  });

  it('leaves a rendered dataset byte-identical', async () => {
    const root = tempDir();
    const [never, often] = [path.join(root, 'never'), path.join(root, 'often')];
    await renderDataset({ scene, out: never, count: 30, seed: 4, concurrency: 2, batchSize: 2, recycleAfter: 0 });
    await renderDataset({ scene, out: often, count: 30, seed: 4, concurrency: 2, batchSize: 2, recycleAfter: 3 });
    assert.equal((await readManifest(never)).length, 30);
    assertSameDataset(often, never);
  });

  it('refuses a negative or fractional --recycle-after', async () => {
    const out = path.join(tempDir(), 'bad');
    await assert.rejects(renderDataset({ scene, out, count: 2, recycleAfter: -1 }), /--recycle-after: expected a whole number >= 0, got -1/);
    await assert.rejects(renderDataset({ scene, out, count: 2, recycleAfter: 2.5 }), /--recycle-after: expected a whole number >= 0, got 2.5/);
  });
});
