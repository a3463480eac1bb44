import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeIdRuns, encodeIdRuns } from '../../src/render/id-runs.js';
import { createRng } from '../../src/rng.js';

describe('id runs', () => {
  it('round-trips id buffers, including runs longer than 65535 and noise', () => {
    const rng = createRng(1);
    const cases = [
      new Uint8Array(0),
      new Uint8Array(70000),
      Uint8Array.from({ length: 5000 }, (_, i) => (i > 1000 && i < 1400 ? 2 : 0)),
      Uint8Array.from({ length: 3000 }, () => rng.int(0, 3)),
    ];
    for (const ids of cases) assert.deepEqual(decodeIdRuns(encodeIdRuns(ids), ids.length), ids);
  });

  it('codes a frame with one object in far fewer bytes than one per pixel', () => {
    const ids = new Uint8Array(64 * 64);
    for (let y = 20; y < 40; y++) ids.fill(1, y * 64 + 25, y * 64 + 35);
    assert.ok(encodeIdRuns(ids).length < ids.length / 20);
  });

  it('refuses runs that do not cover the frame', () => {
    assert.throws(() => decodeIdRuns(encodeIdRuns(new Uint8Array(10)), 11), /cover 10 pixels, expected 11/);
  });
});
