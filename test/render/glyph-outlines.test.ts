import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { glyphOutline, missingCharacters, parseFont } from '../../src/render/glyph-outlines.js';
import { resolveAsset } from '../../src/render/resolve-asset.js';

const fontFile = (name: string) => resolveAsset(`npm:@fontsource/${name}/files/${name}-latin-400-normal.woff`, '.')!;
const roboto = parseFont(readFileSync(fontFile('roboto')));

describe('glyphOutline', () => {
  it('normalises to height 1, centred on the origin', () => {
    const outline = glyphOutline(roboto, '7')!;
    const ys = outline.shapes.flatMap((s) => s.outer.filter((_, i) => i % 2 === 1));
    assert.ok(Math.abs(Math.max(...ys) - 0.5) < 1e-9 && Math.abs(Math.min(...ys) + 0.5) < 1e-9);
    assert.ok(outline.aspect > 0.3 && outline.aspect < 1);
  });

  it('finds the holes of 0, 6 and 8, and none in 1 or 7', () => {
    const holes = (ch: string) => glyphOutline(roboto, ch)!.shapes.reduce((n, s) => n + s.holes.length, 0);
    assert.equal(holes('0'), 1);
    assert.equal(holes('6'), 1);
    assert.equal(holes('8'), 2);
    assert.equal(holes('1'), 0);
    assert.equal(holes('7'), 0);
  });

  it('keeps y up: the stem of a 7 is at the bottom', () => {
    const outline = glyphOutline(roboto, '7')!;
    const points = outline.shapes[0]!.outer;
    const topRowWidth = widthAt(points, 0.45);
    const bottomRowWidth = widthAt(points, -0.45);
    assert.ok(topRowWidth > 2 * bottomRowWidth, `top ${topRowWidth}, bottom ${bottomRowWidth}`);
  });

  it('names characters a font lacks', () => {
    assert.deepEqual(missingCharacters(roboto, '1\u4e002'), ['\u4e00']);
  });
});

/** Width of the polygon's extent along a horizontal line (distance between extreme crossings). */
function widthAt(c: number[], y: number): number {
  const xs: number[] = [];
  for (let i = 0, j = c.length - 2; i < c.length; j = i, i += 2) {
    const [x1, y1, x2, y2] = [c[j]!, c[j + 1]!, c[i]!, c[i + 1]!];
    if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
  }
  return xs.length < 2 ? 0 : Math.max(...xs) - Math.min(...xs);
}
