import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FashionKind, products } from '../../../../src/render/shapes/fashion/index.js';
import { declaredBounds } from '../../../../src/render/shapes/fashion/product-params.js';
import { build, samples, upFacingShare } from './helpers.js';

const PER_KIND = 12;

describe('product geometry', () => {
  it('texture coordinates follow the face: u along x, v along y, one unit per longest side', () => {
    for (const kind of FashionKind.options) {
      const g = build(samples(kind, 1)[0]!);
      const pos = g.getAttribute('position'), uv = g.getAttribute('uv');
      assert.ok(uv, `${kind}: no uv attribute (patterns would be one flat texel)`);
      assert.equal(uv.count, pos.count);
      let spanU = 0, spanV = 0;
      for (let i = 0; i < uv.count; i++) {
        assert.ok(Math.abs(uv.getX(i) - pos.getX(i) - 0.5) < 1e-6 && Math.abs(uv.getY(i) - pos.getY(i) - 0.5) < 1e-6, kind);
        spanU = Math.max(spanU, uv.getX(i)); spanV = Math.max(spanV, uv.getY(i));
      }
      assert.ok(Math.abs(Math.max(spanU, spanV) - 1) < 1e-6, `${kind}: uv reaches ${spanU}, ${spanV}`);
    }
  });

  for (const kind of FashionKind.options) {
    it(`${kind}: finite positions, unit normals, indices in range, a unit box on z = 0, at most 5000 triangles`, () => {
      for (const params of samples(kind, PER_KIND)) {
        const g = build(params);
        const pos = g.getAttribute('position'), nor = g.getAttribute('normal'), index = g.getIndex()!;
        const where = `${kind} ${JSON.stringify(params)}`;
        assert.equal(nor.count, pos.count);
        assert.ok(index.count % 3 === 0 && index.count > 0, where);
        assert.ok(index.count / 3 <= 5000, `${index.count / 3} triangles: ${where}`);
        const used = new Uint8Array(pos.count);
        for (let i = 0; i < index.count; i++) {
          const v = index.getX(i);
          assert.ok(Number.isInteger(v) && v >= 0 && v < pos.count, `index ${v} of ${pos.count}: ${where}`);
          used[v] = 1;
        }
        assert.ok(used.every((u) => u === 1), `unused vertices: ${where}`);
        let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, minZ = Infinity, maxZ = -Infinity;
        for (let i = 0; i < pos.count; i++) {
          const [x, y, z] = [pos.getX(i), pos.getY(i), pos.getZ(i)];
          assert.ok(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z), where);
          const len = Math.hypot(nor.getX(i), nor.getY(i), nor.getZ(i));
          assert.ok(Math.abs(len - 1) < 1e-4, `normal length ${len} at vertex ${i}: ${where}`);
          minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
          minZ = Math.min(minZ, z); maxZ = Math.max(maxZ, z);
        }
        assert.ok(Math.abs(Math.max(maxX - minX, maxY - minY) - 1) < 1e-5, `longest side ${Math.max(maxX - minX, maxY - minY)}: ${where}`);
        assert.ok(Math.abs(minX + maxX) < 1e-5 && Math.abs(minY + maxY) < 1e-5, `not centred: ${where}`);
        assert.ok(Math.abs(minZ) < 1e-6 && maxZ > 0.01 && maxZ < 0.6, `z from ${minZ} to ${maxZ}: ${where}`);
      }
    });

    it(`${kind}: what the camera sees from above faces up (parts are wound outwards)`, () => {
      for (const params of samples(kind, 4)) {
        const share = upFacingShare(build(params));
        assert.ok(share > 0.97, `${(share * 100).toFixed(1)}% of the top view faces up: ${JSON.stringify(params)}`);
      }
    });
  }
});

describe('product geometry at the edges of the declared ranges', () => {
  for (const kind of FashionKind.options) {
    it(`${kind}: any values within the declared bounds build a valid mesh`, () => {
      const wide: Record<string, unknown> = {};
      for (const [name, b] of Object.entries(declaredBounds(products[kind].shape))) {
        wide[name] = 'values' in b ? { choice: [...b.values] } : { choice: [b.min, b.max, (b.min + b.max) / 2] };
      }
      for (const params of samples(kind, 40, wide, 17)) {
        const g = build(params);
        const pos = g.getAttribute('position').array, nor = g.getAttribute('normal').array;
        const where = JSON.stringify(params);
        assert.ok(g.getIndex()!.count >= 3, `empty: ${where}`);
        assert.ok(pos.every(Number.isFinite), `non-finite position: ${where}`);
        for (let i = 0; i < nor.length; i += 3) {
          assert.ok(Math.abs(Math.hypot(nor[i]!, nor[i + 1]!, nor[i + 2]!) - 1) < 1e-4, `normal ${i / 3} not unit: ${where}`);
        }
      }
    });
  }
});
