import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIGIT_TEMPLATES, HandwritingStyle, handwritingStrokes, rasteriseStrokes, sampleHandwriting } from '../../../../src/render/shapes/handwriting/index.js';
import { createRng } from '../../../../src/rng.js';

const style = HandwritingStyle.parse({});

/** Parameters for a named template: sampled, then the template forced. */
function paramsFor(name: string, i: number) {
  const digit = Number(name[0]);
  const p = sampleHandwriting(HandwritingStyle.parse({ templates: Object.fromEntries(DIGIT_TEMPLATES.filter((t) => t.digit === digit).map((t) => [t.name, t.name === name ? 1 : 0])) }), createRng(5).fork(i), digit);
  assert.equal(p.template, name);
  return p;
}

describe('handwritingStrokes and rasteriseStrokes', () => {
  for (const template of DIGIT_TEMPLATES) {
    it(`${template.name}: strokes one unit high, drawn non-empty inside the 20×20 box of a 28×28 canvas`, () => {
      for (let i = 0; i < 20; i++) {
        const strokes = handwritingStrokes(paramsFor(template.name, i), style.samplesPerSegment);
        assert.equal(strokes.length, template.strokes.length);
        const ys = strokes.flatMap((s) => s.points.filter((_, k) => k % 2 === 1));
        assert.ok(Math.abs(Math.max(...ys) - Math.min(...ys) - 1) < 1e-9, 'height 1');
        for (const s of strokes) {
          assert.equal(s.widths.length * 2, s.points.length);
          assert.ok(s.points.every(Number.isFinite) && s.widths.every((w) => w > 0 && Number.isFinite(w)));
        }
        const { pixels, width, height } = rasteriseStrokes(strokes);
        assert.equal(width, 28);
        assert.equal(height, 28);
        let [ink, x0, y0, x1, y1] = [0, 28, 28, -1, -1];
        for (let y = 0; y < 28; y++) {
          for (let x = 0; x < 28; x++) {
            if (pixels[y * 28 + x]! === 0) continue;
            ink++; x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
          }
        }
        assert.ok(ink >= 20, `only ${ink} ink pixels`);
        assert.ok(x1 - x0 + 1 <= 20 && y1 - y0 + 1 <= 20, `ink box ${x1 - x0 + 1}×${y1 - y0 + 1} exceeds 20×20`);
        assert.ok(Math.max(x1 - x0, y1 - y0) + 1 >= 19, 'the longer side fills the box');
        assert.ok(pixels.some((v) => v === 255), 'saturated ink core');
      }
    });
  }

  it('is deterministic and places the centre of mass near the canvas centre', () => {
    const strokes = handwritingStrokes(sampleHandwriting(style, createRng(3), 8));
    const a = rasteriseStrokes(strokes);
    assert.deepEqual(a.pixels, rasteriseStrokes(strokes).pixels);
    let [m, mx, my] = [0, 0, 0];
    a.pixels.forEach((v, i) => { m += v; mx += v * ((i % 28) + 0.5); my += v * (Math.floor(i / 28) + 0.5); });
    assert.ok(Math.abs(mx / m - 14) <= 0.5 && Math.abs(my / m - 14) <= 0.5);
  });

  it('returns a black canvas for no strokes', () => {
    assert.ok(rasteriseStrokes([]).pixels.every((v) => v === 0));
  });
});
