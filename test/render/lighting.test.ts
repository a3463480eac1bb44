import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { stringify } from 'yaml';
import { renderDataset } from '../../src/render/index.js';
import { kelvinToHex } from '../../src/render/lighting/colour-temperature.js';
import { LightSpec, sampleLights } from '../../src/render/lighting/lights.js';
import { skyLighting } from '../../src/render/lighting/sky.js';
import { createRng } from '../../src/rng.js';
import { tempDir } from '../helpers.js';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('lighting: sampling', () => {
  it('turns colour temperatures into black-body colours: candle red, daylight white, sky blue', () => {
    const [r1, g1, b1] = rgb(kelvinToHex(1900));
    assert.ok(r1 === 255 && g1 < 200 && b1 < 100, kelvinToHex(1900));
    assert.ok(rgb(kelvinToHex(6600)).every((c) => c >= 245), kelvinToHex(6600));
    const [r3, , b3] = rgb(kelvinToHex(12000));
    assert.ok(b3 === 255 && r3 < 220, kelvinToHex(12000));
  });

  it('moves the sun with the time of day and hides it behind cloud', () => {
    const at = (time: number, overcast = 0) => skyLighting({ time, overcast, azimuth: 90, noonElevation: 60, intensity: 1 });
    assert.ok(Math.abs(at(12).sun.elevation - 60) < 1e-9);
    assert.ok(at(8).sun.elevation < at(10).sun.elevation && at(10).sun.elevation < at(12).sun.elevation);
    assert.equal(at(3).sun.intensity, 0, 'no sun at night');
    assert.equal(at(12, 1).sun.intensity, 0, 'no sun under full cloud');
    assert.ok(at(12, 1).sky.intensity > at(12, 0).sky.intensity * 0.9, 'the sky still lights an overcast scene');
    const [r7, , b7] = rgb(at(7).sun.colour);
    const [r12, , b12] = rgb(at(12).sun.colour);
    assert.ok(r7 / Math.max(1, b7) > r12 / b12, 'morning sun is warmer than noon sun');
  });

  it('samples temperatures within their range, records them, and keeps a constant number of lights with a count', () => {
    const spec = LightSpec.parse({ type: 'point', count: { min: 0, max: 3 }, temperature: { min: 2700, max: 6500 } });
    const root = createRng(4);
    const on = [0, 0, 0, 0];
    for (let i = 0; i < 600; i++) {
      const lights = sampleLights([spec], root.fork(i));
      assert.equal(lights.length, 3, 'always as many lights as the count can reach');
      let lit = 0;
      for (const light of lights) {
        assert.ok(light.type === 'point' && light.temperature! >= 2700 && light.temperature! <= 6500);
        assert.equal(light.type === 'point' && light.colour, kelvinToHex(light.type === 'point' ? light.temperature! : 0));
        if (light.intensity > 0) lit++;
      }
      on[lit]!++;
    }
    for (const k of [0, 1, 2]) assert.ok(on[k]! > 150 && on[k]! < 250, `${k} lights on in ${on[k]} of 600`);
  });

  it('refuses a light with both a colour and a temperature', () => {
    const result = LightSpec.safeParse({ type: 'ambient', colour: '#ffffff', temperature: 3000 });
    assert.equal(result.success, false);
    assert.match(JSON.stringify(result.error?.issues), /expected colour or temperature, not both/);
  });
});

/** Renders one frame of a white box on a grey surface under `lights`; returns its RGB pixels. */
async function renderBox(lights: unknown[], name: string): Promise<{ data: Buffer; width: number }> {
  const dir = tempDir();
  const scene = {
    name, classes: ['box'], image: { width: 64, height: 64, antialias: false },
    surface: { size: 10, material: { colour: '#b0b0b0', roughness: 1 } },
    camera: { fov: 40, distance: 4, elevation: 90 },
    lights,
    objects: [{ kind: 'primitive', shape: 'box', class: 'box', size: { x: 0.8, y: 0.8, z: 0.8 }, material: { colour: '#ffffff', roughness: 1 } }],
  };
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(scene));
  await renderDataset({ scene: file, out: path.join(dir, 'out'), count: 1, concurrency: 1 });
  const png = PNG.sync.read(readFileSync(path.join(dir, 'out/images/000/000000.png')));
  return { data: png.data, width: png.width };
}

function meanRgb(image: { data: Buffer; width: number }, x0: number, y0: number, x1: number, y1: number): [number, number, number] {
  const sum = [0, 0, 0];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) sum[c]! += image.data[(y * image.width + x) * 4 + c]!;
  const n = (x1 - x0) * (y1 - y0);
  return sum.map((s) => s / n) as [number, number, number];
}

describe('lighting: rendered', () => {
  it('a warm light reddens and a cool light blues the same white object', async () => {
    const warm = await renderBox([{ type: 'directional', temperature: 2000, intensity: 2, elevation: 90 }], 'warm');
    const cool = await renderBox([{ type: 'directional', temperature: 12000, intensity: 2, elevation: 90 }], 'cool');
    const [rw, , bw] = meanRgb(warm, 28, 28, 36, 36);
    const [rc, , bc] = meanRgb(cool, 28, 28, 36, 36);
    assert.ok(rw / bw > 1.5 && rc / bc < 1, `warm ${rw}/${bw}, cool ${rc}/${bc}`);
  });

  it('a shadow-casting light darkens the surface beside the object on the side away from the light', async () => {
    // Light from the +x side, low: the shadow falls towards -x.
    const light = { type: 'directional', intensity: 2.5, elevation: 35, azimuth: 90 };
    const plain = await renderBox([{ type: 'ambient', intensity: 0.2 }, light], 'plain');
    const shadowed = await renderBox([{ type: 'ambient', intensity: 0.2 }, { ...light, shadow: { softness: 1 } }], 'shadowed');
    const behind = (image: { data: Buffer; width: number }) => meanRgb(image, 6, 28, 14, 36)[0];
    const lit = (image: { data: Buffer; width: number }) => meanRgb(image, 50, 28, 58, 36)[0];
    assert.ok(behind(shadowed) < 0.6 * behind(plain), `surface behind: ${behind(shadowed)} with shadows, ${behind(plain)} without`);
    assert.ok(Math.abs(lit(shadowed) - lit(plain)) < 8, 'the lit side is unchanged');
  });

  it('a spot light aimed to one side lights that side', async () => {
    const spot = await renderBox([{ type: 'ambient', intensity: 0.1 }, { type: 'spot', intensity: 40, position: { x: -1.2, y: 0, z: 2 }, target: { x: -1.2, y: 0, z: 0 }, angle: 20, penumbra: 0.2 }], 'spot');
    const [left] = meanRgb(spot, 2, 28, 12, 36);
    const [right] = meanRgb(spot, 52, 28, 62, 36);
    assert.ok(left > right + 40, `left ${left}, right ${right}`);
  });
});
