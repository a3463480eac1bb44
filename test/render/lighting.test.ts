import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { stringify } from 'yaml';
import { renderDataset } from '../../src/render/index.js';
import { kelvinToHex } from '../../src/render/lighting/colour-temperature.js';
import { type FrameLight, LightSpec, sampleLights } from '../../src/render/lighting/lights.js';
import { skyLighting } from '../../src/render/lighting/sky.js';
import { createRng } from '../../src/rng.js';
import { tempDir } from '../helpers.js';
import { SIZE, channel, difference, frame, luma, mean, region, std, suiteRenderer } from './weather-helpers.js';

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

describe('lighting: sampling every light\'s values', () => {
  const draws = (light: unknown, n = 1500) => {
    const spec = LightSpec.parse(light);
    const root = createRng(12);
    return Array.from({ length: n }, (_, i) => sampleLights([spec], root.fork(i))[0]!);
  };
  const near = (xs: number[], expected: number, tolerance: number, what: string) =>
    assert.ok(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length - expected) < tolerance, `${what}: mean ${xs.reduce((a, b) => a + b, 0) / xs.length}, expected ${expected}`);
  const within = (xs: number[], lo: number, hi: number, what: string) => assert.ok(xs.every((x) => x >= lo && x <= hi), `${what} within [${lo}, ${hi}]`);

  it('ambient and hemisphere intensities and colours', () => {
    const ambient = draws({ type: 'ambient', intensity: { min: 0.2, max: 1 } });
    within(ambient.map((l) => l.intensity), 0.2, 1, 'ambient intensity');
    near(ambient.map((l) => l.intensity), 0.6, 0.02, 'ambient intensity');
    const hemisphere = draws({ type: 'hemisphere', intensity: { mean: 1, std: 0.2, min: 0, max: 2 }, sky: { choice: ['#a0c0ff', '#ffffff'], weights: [3, 1] }, ground: '#403020' });
    near(hemisphere.map((l) => l.intensity), 1, 0.02, 'hemisphere intensity');
    const blue = hemisphere.filter((l) => l.type === 'hemisphere' && l.sky === '#a0c0ff').length;
    assert.ok(Math.abs(blue / hemisphere.length - 0.75) < 0.04, `${blue} blue skies of ${hemisphere.length}`);
    assert.ok(hemisphere.every((l) => l.type === 'hemisphere' && l.ground === '#403020'));
  });

  it('directional elevation and azimuth, and shadow softness', () => {
    const lights = draws({ type: 'directional', elevation: { min: 20, max: 80 }, azimuth: { mean: 90, std: 30 }, shadow: { softness: { min: 0, max: 4 } } });
    const values = (f: (l: Extract<(typeof lights)[number], { type: 'directional' }>) => number) =>
      lights.map((l) => (l.type === 'directional' ? f(l) : NaN));
    within(values((l) => l.elevation), 20, 80, 'elevation');
    near(values((l) => l.elevation), 50, 1, 'elevation');
    near(values((l) => l.azimuth), 90, 2, 'azimuth');
    within(values((l) => l.shadow!.softness), 0, 4, 'softness');
    near(values((l) => l.shadow!.softness), 2, 0.1, 'softness');
    assert.ok(lights.every((l) => l.type === 'directional' && l.shadow!.mapSize === 512));
  });

  it('point and spot positions and intensities, and spot cones', () => {
    const spots = draws({ type: 'spot', intensity: { min: 10, max: 30 }, position: { x: { min: -2, max: 2 }, z: { min: 2, max: 4 } }, angle: { min: 15, max: 45 }, penumbra: { min: 0, max: 1 } });
    const spot = spots.map((l) => (l.type === 'spot' ? l : assert.fail(l.type)));
    within(spot.map((l) => l.intensity), 10, 30, 'intensity');
    near(spot.map((l) => l.intensity), 20, 0.5, 'intensity');
    near(spot.map((l) => l.position.x), 0, 0.1, 'x');
    near(spot.map((l) => l.position.z), 3, 0.05, 'z');
    within(spot.map((l) => l.position.z), 2, 4, 'z');
    near(spot.map((l) => l.angle), 30, 0.6, 'angle');
    near(spot.map((l) => l.penumbra), 0.5, 0.03, 'penumbra');
    assert.ok(new Set(spot.map((l) => l.position.x)).size === spot.length, 'every frame its own position');
  });

  it('sky: time of day and overcast, and the sun they give', () => {
    const skies = draws({ type: 'sky', time: { min: 7, max: 17 }, overcast: { min: 0, max: 1 } }).map((l) => (l.type === 'sky' ? l : assert.fail(l.type)));
    within(skies.map((l) => l.time), 7, 17, 'time');
    near(skies.map((l) => l.time), 12, 0.2, 'time');
    near(skies.map((l) => l.overcast), 0.5, 0.03, 'overcast');
    for (const l of skies) assert.deepEqual(l.sun, skyLighting(l).sun, 'the sun follows the sampled time and cloud');
    const noon = skies.filter((l) => Math.abs(l.time - 12) < 1).map((l) => l.sun.elevation);
    const early = skies.filter((l) => l.time < 8).map((l) => l.sun.elevation);
    assert.ok(Math.min(...noon) > Math.max(...early), 'the sun stands higher at noon');
  });
});

describe('lighting in the rendered image', () => {
  const renderer = suiteRenderer();
  /** Mean luma of the surface (the top-left corner, away from the digit) and of the whole image, under these lights. */
  const lit = async (...lightSets: FrameLight[][]) => {
    const frames = lightSets.map((lights) => ({ ...frame(), lights }));
    return (await renderer.render(frames)).map((r) => ({ surface: mean(region(luma(r.pixels), 0, 0, 16, 16)), image: luma(r.pixels), rgb: r.pixels }));
  };
  const ambient = (intensity: number): FrameLight => ({ type: 'ambient', intensity, colour: '#ffffff' });
  const directional = (elevation: number, azimuth = 0, shadow: { softness: number; mapSize: number } | null = null): FrameLight =>
    ({ type: 'directional', intensity: 2, colour: '#ffffff', elevation, azimuth, ...(shadow ? { shadow } : {}) });

  it('the image brightens with ambient intensity', async () => {
    const levels = (await lit([ambient(0.3)], [ambient(0.8)], [ambient(1.6)])).map((r) => r.surface);
    assert.ok(levels[0]! + 15 < levels[1]! && levels[1]! + 15 < levels[2]!, `surface ${levels.map((l) => l.toFixed(0))}`);
  });

  it('a hemisphere light tints upward-facing surfaces with its sky colour', async () => {
    const hemisphere = (sky: string): FrameLight => ({ type: 'hemisphere', intensity: 2, sky, ground: '#000000' });
    const [blue, red] = await lit([hemisphere('#4060ff')], [hemisphere('#ff6040')]);
    const tint = (r: { rgb: Buffer }) => mean(region(channel(r.rgb, 2), 0, 0, 16, 16)) - mean(region(channel(r.rgb, 0), 0, 0, 16, 16));
    assert.ok(tint(blue!) > 30 && tint(red!) < -30, `blue minus red: ${tint(blue!)} under a blue sky, ${tint(red!)} under a red one`);
  });

  it('a flat surface darkens as the directional light sinks (Lambert: sine of the elevation)', async () => {
    const [high, low] = (await lit([directional(90)], [directional(20)])).map((r) => r.surface);
    assert.ok(low! < 0.7 * high!, `surface at 90°: ${high}, at 20°: ${low}`);
  });

  it('a point light brightens the side it stands over', async () => {
    const point = (x: number): FrameLight => ({ type: 'point', intensity: 6, colour: '#ffffff', position: { x, y: 0, z: 1 }, range: 0 });
    const [left, right] = await lit([ambient(0.1), point(-1.2)], [ambient(0.1), point(1.2)]);
    const side = (r: { image: Float64Array }, x0: number) => mean(region(r.image, x0, 24, x0 + 12, 40));
    assert.ok(side(left!, 0) > side(left!, 52) + 30 && side(right!, 52) > side(right!, 0) + 30,
      `left light: ${side(left!, 0).toFixed(0)} | ${side(left!, 52).toFixed(0)}; right light: ${side(right!, 0).toFixed(0)} | ${side(right!, 52).toFixed(0)}`);
  });

  it('shadows fall away from the light, and softness widens their edges', async () => {
    const [plain, hard, soft] = await lit([ambient(0.3), directional(25, 90)], [ambient(0.3), directional(25, 90, { softness: 0, mapSize: 1024 })],
      [ambient(0.3), directional(25, 90, { softness: 6, mapSize: 1024 })]);
    const shadow = difference(plain!.image, hard!.image);
    assert.ok(mean(region(shadow, 10, 20, 28, 44)) > 3 * Math.max(0.5, mean(region(shadow, 36, 20, 54, 44))), 'the shadow falls on the side away from the light');
    // Mid-tones between lit and shadowed surface: more of them when the shadow's edge is soft.
    const penumbra = (r: { image: Float64Array }) => {
      const [dark, light] = [Math.min(...r.image), plain!.surface];
      return Array.from(r.image).filter((v, i) => i % SIZE < 30 && v > dark + 0.2 * (light - dark) && v < dark + 0.8 * (light - dark)).length;
    };
    assert.ok(penumbra(soft!) > 1.3 * penumbra(hard!), `penumbra pixels: hard ${penumbra(hard!)}, soft ${penumbra(soft!)}`);
  });

  it('the sky light: noon is brighter than early morning, and full cloud takes the sun\'s shadows away', async () => {
    const sky = (time: number, overcast: number): FrameLight => {
      const input = { time, overcast, azimuth: 90, noonElevation: 60, intensity: 1.5 };
      return { type: 'sky', ...input, ...skyLighting(input), shadow: { softness: 1, mapSize: 512 } };
    };
    const [noon, morning, cloudy] = await lit([sky(12, 0)], [sky(6.5, 0)], [sky(12, 1)]);
    assert.ok(noon!.surface > morning!.surface + 20, `noon ${noon!.surface}, morning ${morning!.surface}`);
    const contrast = (r: { image: Float64Array }) => std(region(r.image, 0, 0, 30, SIZE));
    assert.ok(contrast(cloudy!) < 0.6 * contrast(noon!), `contrast beside the digit: clear ${contrast(noon!)}, overcast ${contrast(cloudy!)}`);
  });
});
