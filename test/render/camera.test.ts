import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CameraSpec, sampleCamera } from '../../src/render/camera/camera.js';
import type { FrameSpec } from '../../src/render/frame-spec.js';
import { createRng } from '../../src/rng.js';
import { frame, maskShape, mean, std, suiteRenderer } from './weather-helpers.js';

describe('camera: sampling', () => {
  it('draws distance, elevation, azimuth, roll, fov and look-at jitter from their distributions', () => {
    const spec = CameraSpec.parse({
      fov: { min: 30, max: 50 }, distance: { min: 2, max: 4 }, elevation: { min: 40, max: 90 },
      azimuth: { min: -30, max: 30 }, roll: { mean: 0, std: 5, min: -12, max: 12 }, lookAt: { x: { mean: 0, std: 0.1 }, y: { min: -0.2, max: 0.2 } },
    });
    const root = createRng(5);
    const frames = Array.from({ length: 2000 }, (_, i) => sampleCamera(spec, root.fork(i)));
    const values = (f: (c: (typeof frames)[number]) => number) => frames.map(f);
    const uniform = (xs: number[], lo: number, hi: number, what: string) => {
      assert.ok(xs.every((x) => x >= lo && x <= hi), `${what} within [${lo}, ${hi}]`);
      assert.ok(Math.abs(mean(xs) - (lo + hi) / 2) < 0.03 * (hi - lo), `${what} mean ${mean(xs)}`);
      assert.ok(Math.abs(std(xs) - (hi - lo) / Math.sqrt(12)) < 0.05 * (hi - lo), `${what} spread ${std(xs)}`);
    };
    uniform(values((c) => c.fov), 30, 50, 'fov');
    uniform(values((c) => c.distance), 2, 4, 'distance');
    uniform(values((c) => c.elevation), 40, 90, 'elevation');
    uniform(values((c) => c.azimuth), -30, 30, 'azimuth');
    uniform(values((c) => c.lookAt.y), -0.2, 0.2, 'look-at y');
    const roll = values((c) => c.roll);
    assert.ok(roll.every((r) => r >= -12 && r <= 12) && Math.abs(mean(roll)) < 0.4 && Math.abs(std(roll) - 5) < 0.4, `roll ${mean(roll)} ± ${std(roll)}`);
    const x = values((c) => c.lookAt.x);
    assert.ok(Math.abs(mean(x)) < 0.01 && Math.abs(std(x) - 0.1) < 0.01, `look-at x ${mean(x)} ± ${std(x)}`);
    assert.ok(frames.every((c) => c.lookAt.z === 0), 'an axis left out stays at 0');
  });
});

describe('camera in the rendered image', () => {
  const renderer = suiteRenderer();
  const shapes = async (...cameras: Partial<FrameSpec['camera']>[]) => {
    const frames = cameras.map((c) => {
      const f = frame();
      f.camera = { ...f.camera, ...c };
      return f;
    });
    return (await renderer.render(frames)).map((r) => maskShape(r.ids));
  };

  it('a farther camera or a wider field of view makes the object smaller, as the square of the scale', async () => {
    const [near, far, narrow] = await shapes({}, { distance: 6 }, { fov: 20 });
    const shrink = near!.pixels / far!.pixels;
    assert.ok(shrink > 3 && shrink < 5, `twice the distance: ${near!.pixels} → ${far!.pixels} pixels`);
    const zoom = narrow!.pixels / near!.pixels;
    const expected = (Math.tan((17.5 * Math.PI) / 180) / Math.tan((10 * Math.PI) / 180)) ** 2;
    assert.ok(Math.abs(zoom - expected) < 0.2 * expected, `fov 35° → 20°: ×${zoom.toFixed(2)}, expected ×${expected.toFixed(2)}`);
  });

  it('roll, and azimuth from straight above, turn the object by their angle', async () => {
    const [upright, rolled, turned] = await shapes({}, { roll: 30 }, { azimuth: 30 });
    const turn = (s: typeof upright) => (((s!.orientation - upright!.orientation) % 180) + 270) % 180 - 90;
    assert.ok(Math.abs(Math.abs(turn(rolled)) - 30) < 4, `roll 30°: the mask turned ${turn(rolled).toFixed(1)}°`);
    assert.ok(Math.abs(Math.abs(turn(turned)) - 30) < 4, `azimuth 30°: the mask turned ${turn(turned).toFixed(1)}°`);
    assert.ok(Math.abs(rolled!.pixels - upright!.pixels) < 0.1 * upright!.pixels, 'roll does not resize the object');
  });

  it('a lower elevation foreshortens the object; look-at jitter moves it the other way in the image', async () => {
    const [above, low, shifted] = await shapes({}, { elevation: 40 }, { lookAt: { x: 0.3, y: 0, z: 0 } });
    assert.ok(low!.height < 0.85 * above!.height, `height from 90°: ${above!.height.toFixed(1)}, from 40°: ${low!.height.toFixed(1)}`);
    // Looking at x = 0.3 puts the object 0.3 / (2 · 3 · tan 17.5°) of the image width left of centre.
    const expected = (0.3 / (2 * 3 * Math.tan((17.5 * Math.PI) / 180))) * 64;
    const moved = above!.x - shifted!.x;
    assert.ok(Math.abs(moved - expected) < 1.5, `centroid moved ${moved.toFixed(1)} px left, expected ${expected.toFixed(1)}`);
    assert.ok(Math.abs(above!.y - shifted!.y) < 0.5);
  });
});
