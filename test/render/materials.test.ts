import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FrameMaterial, MaterialSpec, sampleMaterial } from '../../src/render/materials/materials.js';
import { createRng } from '../../src/rng.js';
import { channel, frame, luma, mean, suiteRenderer } from './weather-helpers.js';

/** Hue in degrees, saturation and value in 0-1 of a "#rrggbb" colour. */
function hsv(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const [max, min] = [Math.max(r, g, b), Math.min(r, g, b)];
  const d = max - min;
  const h = d === 0 ? 0 : max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h * 60, max === 0 ? 0 : d / max, max];
}

describe('materials: sampling', () => {
  it('draws colours inside their HSV ranges, and roughness and metalness from theirs', () => {
    const spec = MaterialSpec.parse({
      colour: { hue: { min: 20, max: 60 }, saturation: { min: 0.5, max: 0.9 }, value: { min: 0.4, max: 1 } },
      roughness: { min: 0.2, max: 0.8 }, metalness: { choice: [0, 1], weights: [3, 1] },
    });
    const root = createRng(8);
    const materials = Array.from({ length: 2000 }, (_, i) => sampleMaterial(spec, root.fork(i), {}));
    const colours = materials.map((m) => hsv(m.colour));
    // 8-bit rounding moves a colour's HSV by a little.
    assert.ok(colours.every(([h, s, v]) => h > 19 && h < 61 && s > 0.49 && s < 0.91 && v > 0.39 && v < 1.001), 'inside the ranges');
    const average = (k: 0 | 1 | 2) => mean(colours.map((c) => c[k]));
    assert.ok(Math.abs(average(0) - 40) < 1 && Math.abs(average(1) - 0.7) < 0.015 && Math.abs(average(2) - 0.7) < 0.015,
      `mean hue ${average(0)}, saturation ${average(1)}, value ${average(2)}`);
    const roughness = materials.map((m) => m.roughness);
    assert.ok(roughness.every((r) => r >= 0.2 && r <= 0.8) && Math.abs(mean(roughness) - 0.5) < 0.015);
    const metal = materials.filter((m) => m.metalness === 1).length;
    assert.ok(materials.every((m) => m.metalness === 0 || m.metalness === 1) && Math.abs(metal / 2000 - 0.25) < 0.04, `${metal} metal of 2000`);
  });
});

describe('materials in the rendered image', () => {
  const renderer = suiteRenderer();
  /** The digit's pixels (from the id pass) under each material: mean RGB and mean luma. */
  const digit = async (...materials: Partial<FrameMaterial>[]) => {
    const frames = materials.map((m) => {
      const f = frame();
      const object = f.objects[0]!;
      object.material = { ...object.material, ...m };
      // Light from straight above, as the camera looks: a glossy top face mirrors it into the camera.
      f.lights = [{ type: 'ambient', intensity: 0.5, colour: '#ffffff' }, { type: 'directional', intensity: 2, colour: '#ffffff', elevation: 90, azimuth: 0 }];
      return f;
    });
    return (await renderer.render(frames)).map(({ pixels, ids }) => {
      const inside = (values: Float64Array) => mean(Array.from(values).filter((_, i) => ids[i]! > 0));
      return { rgb: [0, 1, 2].map((c) => inside(channel(pixels, c))) as [number, number, number], luma: inside(luma(pixels)) };
    });
  };

  it('the sampled colour reaches the object\'s pixels', async () => {
    const [red, green, blue] = await digit({ colour: '#d03030' }, { colour: '#30d030' }, { colour: '#3030d0' });
    for (const [k, seen] of [red, green, blue].entries()) {
      const others = seen!.rgb.filter((_, c) => c !== k);
      assert.ok(seen!.rgb[k]! > Math.max(...others) + 60, `channel ${k} leads: ${seen!.rgb.map((v) => v.toFixed(0))}`);
    }
  });

  it('a smooth surface mirrors the light into the camera; a metal one loses its diffuse light', async () => {
    const [matte, glossy, metal] = await digit({ colour: '#808080', roughness: 1 }, { colour: '#808080', roughness: 0.15 }, { colour: '#808080', roughness: 1, metalness: 1 });
    assert.ok(glossy!.luma > matte!.luma + 20, `luma: matte ${matte!.luma}, glossy ${glossy!.luma}`);
    assert.ok(metal!.luma < matte!.luma - 30, `luma: dielectric ${matte!.luma}, metal ${metal!.luma}`);
  });
});
