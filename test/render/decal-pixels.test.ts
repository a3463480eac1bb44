import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { createRng } from '../../src/rng.js';
import { DECAL_MARKS, type FrameDecal, decalFields, sampleDecal } from '../../src/render/materials/decal.js';
import { DECAL_SIZE, decalPixels } from '../../src/render/materials/decal-pixels.js';

const base: FrameDecal = { type: 'decal', seed: 3, mark: 'logo', x: 0.5, y: 0.65, size: 0.3, colours: ['#ffffff', '#000000'], contrast: 1 };
const N = DECAL_SIZE;
const DecalTexture = z.strictObject(decalFields);

function pixels(d: FrameDecal): Uint8Array {
  const out = new Uint8Array(N * N * 4);
  decalPixels(d, out);
  return out;
}

/** Red channel at texture coordinates (u, v); rows are stored bottom-up, as v runs. */
function at(rgba: Uint8Array, u: number, v: number): number {
  return rgba[(Math.floor(v * N) * N + Math.floor(u * N)) * 4]!;
}

/** Texels darker than the mid grey: how much of the square the (black) mark covers. */
function markShare(rgba: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! < 128) n++;
  return n / (N * N);
}

describe('decal pixels', () => {
  it('paints a logo once, at its place, and leaves the rest in the first colour', () => {
    const rgba = pixels(base);
    assert.equal(at(rgba, 0.5, 0.65), 0, 'the centre of the logo');
    for (const [u, v] of [[0.05, 0.05], [0.5, 0.2], [0.95, 0.95], [0.1, 0.65]] as const) assert.equal(at(rgba, u, v), 255, `(${u}, ${v})`);
    const share = markShare(rgba);
    assert.ok(share > 0.02 && share < 0.1, `a logo 0.3 wide covers ${share}`);
  });

  it('draws every mark inside the square and the yoke above its line only', () => {
    for (const mark of DECAL_MARKS) {
      const share = markShare(pixels({ ...base, mark }));
      assert.ok(share > 0.003 && share < 0.5, `${mark}: ${share}`);
    }
    const yoke = pixels({ ...base, mark: 'yoke', y: 0.7 });
    assert.equal(at(yoke, 0.5, 0.95), 0);
    assert.equal(at(yoke, 0.5, 0.4), 255);
  });

  it('draws a placket as a line from y down to the bottom with buttons wider than the line', () => {
    const rgba = pixels({ ...base, mark: 'placket', x: 0.5, y: 0.8, size: 0.04 });
    for (const v of [0.1, 0.3, 0.5, 0.7]) assert.equal(at(rgba, 0.5, v), 0, `on the line at v ${v}`);
    assert.equal(at(rgba, 0.5, 0.9), 255, 'nothing above y');
    assert.equal(at(rgba, 0.6, 0.5), 255, 'nothing off the line');
    const widths = Array.from({ length: N }, (_, row) => Array.from({ length: N }, (_, col) => rgba[(row * N + col) * 4]!).filter((r) => r < 128).length)
      .filter((n) => n > 0);
    assert.ok(Math.max(...widths) > Math.min(...widths) * 1.3, `buttons: row widths ${Math.min(...widths)}-${Math.max(...widths)} texels`);
  });

  it('draws a zip as a line from y down with a wider pull at its top, and seams as two lines either side of x', () => {
    const zip = pixels({ ...base, mark: 'zip', x: 0.5, y: 0.8, size: 0.04 });
    for (const v of [0.1, 0.4, 0.7]) assert.equal(at(zip, 0.5, v), 0, `zip at v ${v}`);
    assert.equal(at(zip, 0.5, 0.85), 255, 'nothing above y');
    assert.equal(at(zip, 0.526, 0.4), 255, 'the line is size wide');
    assert.equal(at(zip, 0.526, 0.79), 0, 'the pull is wider than the line');
    const seams = pixels({ ...base, mark: 'seams', x: 0.5, y: 0.7, size: 0.04 });
    assert.equal(at(seams, 0.5, 0.4), 255, 'nothing on the centre line');
    assert.equal(at(seams, 0.5, 0.8), 255);
    const row = Array.from({ length: N }, (_, col) => seams[(Math.floor(0.4 * N) * N + col) * 4]!);
    const dark = row.flatMap((r, col) => (r < 128 ? [col / N] : []));
    const left = dark.filter((u) => u < 0.5), right = dark.filter((u) => u > 0.5);
    assert.ok(left.length > 0 && right.length > 0, `a line either side: ${dark.join(' ')}`);
    const mid = (us: number[]) => (Math.min(...us) + Math.max(...us)) / 2;
    assert.ok(Math.abs(mid(left) + mid(right) - 1) < 0.02, 'mirrored about x');
    assert.ok(0.5 - mid(left) >= 0.09 && 0.5 - mid(left) <= 0.19, `${0.5 - mid(left)} from the centre`);
    assert.equal(at(seams, mid(left), 0.85), 255, 'the seams start at y');
  });

  it('draws a hem as a line across at y, pockets as two outlines, quilting as lines below y', () => {
    const hem = pixels({ ...base, mark: 'hem', y: 0.3, size: 0.04 });
    for (const u of [0.05, 0.5, 0.95]) assert.equal(at(hem, u, 0.3), 0, `across at u ${u}`);
    assert.equal(at(hem, 0.5, 0.33), 255, 'size thick');
    assert.equal(at(hem, 0.5, 0.6), 255);
    const pockets = pixels({ ...base, mark: 'pockets', x: 0.5, y: 0.3, size: 0.12 });
    assert.equal(at(pockets, 0.5, 0.3), 255, 'none in the middle');
    const rowAt = (v: number) => Array.from({ length: N }, (_, col) => pockets[(Math.floor(v * N) * N + col) * 4]! < 128);
    const runs = (row: boolean[]) => row.filter((d, i) => d && !row[i - 1]).length;
    assert.equal(runs(rowAt(0.3)), 4, 'two outlines: four sides crossed on the middle row');
    const quilting = pixels({ ...base, mark: 'quilting', y: 0.8, size: 0.1 });
    const column = Array.from({ length: N }, (_, row) => quilting[(row * N + N / 2) * 4]! < 128);
    assert.ok(column.slice(Math.ceil(0.82 * N)).every((d) => !d), 'nothing above y');
    assert.ok(runs(column) >= 7, `${runs(column)} lines in 0.8 of the square, 0.1 apart`);
    assert.ok(column.filter((d) => d).length < 0.5 * column.length, 'lines, not a fill');
  });

  it('picks the marks it always did when the config names none', () => {
    const drawn = new Set(Array.from({ length: 200 }, (_, i) => sampleDecal(DecalTexture.parse({ type: 'decal' }), createRng(i)).mark));
    assert.deepEqual([...drawn].sort(), ['band', 'logo', 'pocket', 'ring', 'text', 'yoke']);
  });

  it('gives the same bytes for the same values, another outline for another seed', () => {
    for (const mark of ['logo', 'text'] as const) {
      assert.deepEqual(pixels({ ...base, mark }), pixels({ ...base, mark }));
      assert.notDeepEqual(pixels({ ...base, mark }), pixels({ ...base, mark, seed: 4 }));
    }
  });

  it('scales the mark colour by contrast: 0 leaves no mark', () => {
    assert.ok(pixels({ ...base, contrast: 0 }).every((v) => v === 255));
    assert.equal(at(pixels({ ...base, contrast: 0.5 }), 0.5, 0.65), 128);
  });
});
