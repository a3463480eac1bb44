import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIGIT_TEMPLATES, HandwritingStyle, handwritingStrokes, sampleHandwriting, strokeGeometry } from '../../../../src/render/shapes/handwriting/index.js';
import { createRng } from '../../../../src/rng.js';

const style = HandwritingStyle.parse({});

describe('strokeGeometry', () => {
  it('gives finite positions on z = 0, +z normals, valid counter-clockwise triangles, about unit height', () => {
    for (let i = 0; i < 200; i++) {
      const strokes = handwritingStrokes(sampleHandwriting(style, createRng(11).fork(i), i % 10));
      const geometry = strokeGeometry(strokes);
      const position = geometry.getAttribute('position');
      const normal = geometry.getAttribute('normal');
      const index = geometry.getIndex()!;
      assert.ok(position.count > 0 && index.count > 0 && index.count % 3 === 0);
      assert.equal(normal.count, position.count);
      for (let v = 0; v < position.count; v++) {
        assert.ok(Number.isFinite(position.getX(v)) && Number.isFinite(position.getY(v)));
        assert.equal(position.getZ(v), 0);
        assert.deepEqual([normal.getX(v), normal.getY(v), normal.getZ(v)], [0, 0, 1]);
      }
      let area = 0;
      for (let k = 0; k < index.count; k += 3) {
        const [a, b, c] = [index.getX(k), index.getX(k + 1), index.getX(k + 2)];
        for (const v of [a, b, c]) assert.ok(Number.isInteger(v) && v >= 0 && v < position.count);
        const cross = (position.getX(b) - position.getX(a)) * (position.getY(c) - position.getY(a))
          - (position.getY(b) - position.getY(a)) * (position.getX(c) - position.getX(a));
        assert.ok(cross >= -1e-9, `triangle ${k / 3} of digit ${i % 10} is clockwise`);
        area += cross / 2;
      }
      assert.ok(area > 0.02, 'the ribbons cover some area');
      const box = geometry.boundingBox!;
      const height = box.max.y - box.min.y;
      assert.ok(height > 1 && height < 1.6, `height ${height}`);
      geometry.dispose();
    }
  });

  it('covers the same ink as the round-capped strokes the rasteriser draws (IoU > 0.93)', () => {
    for (let i = 0; i < 10; i++) {
      const strokes = handwritingStrokes(sampleHandwriting(style, createRng(12).fork(i), i));
      const geometry = strokeGeometry(strokes);
      const pos = geometry.getAttribute('position');
      const idx = geometry.getIndex()!;
      const box = geometry.boundingBox!;
      const inTriangles = (x: number, y: number) => {
        for (let k = 0; k < idx.count; k += 3) {
          const [a, b, c] = [idx.getX(k), idx.getX(k + 1), idx.getX(k + 2)];
          const side = (p: number, q: number) => (pos.getX(q) - pos.getX(p)) * (y - pos.getY(p)) - (pos.getY(q) - pos.getY(p)) * (x - pos.getX(p));
          if (side(a, b) >= 0 && side(b, c) >= 0 && side(c, a) >= 0) return true;
        }
        return false;
      };
      const inCapsules = (x: number, y: number) => strokes.some((s) => {
        for (let k = 0; k + 1 < s.points.length / 2; k++) {
          const [ax, ay, bx, by] = [s.points[2 * k]!, s.points[2 * k + 1]!, s.points[2 * k + 2]!, s.points[2 * k + 3]!];
          const [dx, dy] = [bx - ax, by - ay];
          const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
          const r = (s.widths[k]! + (s.widths[k + 1]! - s.widths[k]!) * t) / 2;
          if ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r * r) return true;
        }
        return false;
      });
      let [both, either] = [0, 0];
      const n = 50;
      for (let gy = 0; gy < n; gy++) {
        for (let gx = 0; gx < n; gx++) {
          const x = box.min.x + ((gx + 0.5) / n) * (box.max.x - box.min.x);
          const y = box.min.y + ((gy + 0.5) / n) * (box.max.y - box.min.y);
          const [g, c] = [inTriangles(x, y), inCapsules(x, y)];
          if (g && c) both++;
          if (g || c) either++;
        }
      }
      assert.ok(both / either > 0.93, `digit ${i}: IoU ${(both / either).toFixed(3)}`);
    }
  });

  it('draws a single point as a disc and nothing as an empty geometry', () => {
    const dot = strokeGeometry([{ points: [0, 0], widths: [0.2] }]);
    assert.ok(dot.getIndex()!.count > 0);
    assert.equal(strokeGeometry([]).getAttribute('position').count, 0);
    assert.equal(DIGIT_TEMPLATES.length > 0, true);
  });
});
