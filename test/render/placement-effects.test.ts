import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameObject } from '../../src/render/frame-spec.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { SceneSpec } from '../../src/render/scene-schema.js';
import { createRng } from '../../src/rng.js';
import { SIZE, frame, maskShape, mean, std, suiteRenderer } from './weather-helpers.js';

describe('placement: positions, rotations and scale', () => {
  it('draws each from its distribution, per copy', () => {
    const spec = SceneSpec.parse({
      name: 'placement', classes: ['box'],
      objects: [{
        kind: 'primitive', class: 'box', shape: 'box', count: 2, size: { x: 0.2, y: 0.2, z: 0.2 }, scale: { min: 0.5, max: 1.5 },
        position: { x: { min: -1, max: 1 }, y: { mean: 0, std: 0.3 } }, rotation: { z: { min: 0, max: 360 } },
      }],
    });
    const root = createRng(6);
    const boxes = Array.from({ length: 1000 }, (_, i) => sampleFrame(spec, root, i).objects).flat();
    assert.equal(boxes.length, 2000);
    const values = (f: (o: FrameObject) => number) => boxes.map(f);
    const x = values((o) => o.position.x);
    assert.ok(x.every((v) => v >= -1 && v <= 1) && Math.abs(mean(x)) < 0.04 && Math.abs(std(x) - 2 / Math.sqrt(12)) < 0.03, `x ${mean(x)} ± ${std(x)}`);
    const y = values((o) => o.position.y);
    assert.ok(Math.abs(mean(y)) < 0.03 && Math.abs(std(y) - 0.3) < 0.02, `y ${mean(y)} ± ${std(y)}`);
    const turn = values((o) => o.rotation.z);
    assert.ok(turn.every((v) => v >= 0 && v <= 360) && Math.abs(mean(turn) - 180) < 6, `rotation ${mean(turn)}`);
    const side = values((o) => (o.kind === 'primitive' ? o.size.x : NaN));
    assert.ok(side.every((s) => s >= 0.1 - 1e-9 && s <= 0.3 + 1e-9) && Math.abs(mean(side) - 0.2) < 0.005, `scaled size ${mean(side)}`);
  });
});

describe('placement in the rendered image', () => {
  const renderer = suiteRenderer();
  const shapes = async (...changes: Partial<FrameObject>[]) => {
    const frames = changes.map((change) => {
      const f = frame();
      f.objects = [{ ...f.objects[0]!, ...change } as FrameObject];
      return f;
    });
    return (await renderer.render(frames)).map((r) => maskShape(r.ids));
  };

  it('the object moves, turns and grows with its sampled position, rotation and size', async () => {
    const [home, moved, turned, grown] = await shapes({}, { position: { x: -0.4, y: 0.3, z: 0 } }, { rotation: { x: 0, y: 0, z: 40 } }, { size: 1.5 });
    // Straight above at distance 3 with a 35° field of view, the image spans 2 · 3 · tan 17.5° scene units.
    const pixelsPerUnit = SIZE / (2 * 3 * Math.tan((17.5 * Math.PI) / 180));
    assert.ok(Math.abs(moved!.x - home!.x - -0.4 * pixelsPerUnit) < 1.5, `moved ${(moved!.x - home!.x).toFixed(1)} px across`);
    assert.ok(Math.abs(moved!.y - home!.y - -0.3 * pixelsPerUnit) < 1.5, `moved ${(moved!.y - home!.y).toFixed(1)} px down (y up in the scene)`);
    const turn = (((turned!.orientation - home!.orientation) % 180) + 270) % 180 - 90;
    assert.ok(Math.abs(Math.abs(turn) - 40) < 4, `turned ${turn.toFixed(1)}°`);
    const growth = grown!.pixels / home!.pixels;
    assert.ok(Math.abs(growth - 2.25) < 0.3, `1.5 times the size: ×${growth.toFixed(2)} the pixels`);
  });
});
