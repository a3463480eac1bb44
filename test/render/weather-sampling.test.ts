import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertRate, configProblems, sampledFrames } from './weather-helpers.js';

const base = `
name: w
classes: ["0"]
lights:
  - { type: ambient, intensity: 1 }
  - { type: directional, intensity: 2, elevation: 15, azimuth: 180 }
objects:
  - kind: glyph
    fonts: [npm:@fontsource/roboto/files/roboto-latin-400-normal.woff]
`;
const frames = (extra: string, n = 2000, top = base) => sampledFrames(top + extra, n, 4);
const problems = (extra: string, top = base) => configProblems(top + extra);

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe('weather sampling', () => {
  it('leaves frames of scenes without weather as they were (no weather key)', () => {
    for (const f of frames('', 5)) assert.equal('weather' in f, false);
  });

  it('does not move any other sampled value', () => {
    const plain = frames('', 20);
    const wet = frames('weather: { rain: { p: 0.5 }, fog: {} }\n', 20);
    wet.forEach((f, i) => {
      const { weather, ...rest } = f;
      assert.ok(weather);
      assert.deepEqual(rest, plain[i]);
    });
  });

  it('turns each effect on in a fraction p of frames, with its own coin', () => {
    const fs = frames(`weather:
  fog: { p: 0.3 }
  haze: { p: 0.5 }
  rain: { p: 0.2 }
  snow: { p: 0.7 }
  dust: { p: 0 }
  glare: { p: 1, source: screen }
`);
    const count = (k: 'fog' | 'haze' | 'rain' | 'snow' | 'dust' | 'glare') => fs.filter((f) => f.weather![k] !== null).length;
    assertRate(count('fog'), fs.length, 0.3, 'fog');
    assertRate(count('haze'), fs.length, 0.5, 'haze');
    assertRate(count('rain'), fs.length, 0.2, 'rain');
    assertRate(count('snow'), fs.length, 0.7, 'snow');
    assert.equal(count('dust'), 0);
    assert.equal(count('glare'), fs.length);
    const both = fs.filter((f) => f.weather!.fog && f.weather!.rain).length;
    assertRate(both, fs.length, 0.06, 'fog and rain together (independent coins)');
  });

  it('samples rain from its distributions, clamping the angle to ±80°', () => {
    const rain = frames('weather: { rain: { density: { min: 0.2, max: 0.6 }, angle: { mean: 10, std: 15 }, length: { min: 5, max: 9 }, wetness: 0.4 } }\n')
      .map((f) => f.weather!.rain!);
    assert.ok(rain.every((r) => r.density >= 0.2 && r.density < 0.6 && r.length >= 5 && r.length < 9 && r.wetness === 0.4));
    const angles = rain.map((r) => r.angle);
    assert.ok(Math.abs(mean(angles) - 10) < 1.5 && Math.abs(std(angles) - 15) < 1.5, `angle ${mean(angles)} ± ${std(angles)}`);
    const wild = frames('weather: { rain: { angle: { mean: 0, std: 300 } } }\n', 200).map((f) => f.weather!.rain!.angle);
    assert.ok(wild.every((a) => Math.abs(a) <= 80) && wild.some((a) => a === 80));
  });

  it('samples snow, dust, haze and both kinds of fog', () => {
    const fs = frames(`weather:
  fog: { mode: { choice: [exp, linear], weights: [1, 3] }, density: { min: 0.1, max: 0.2 }, near: { min: 1, max: 2 }, far: { min: 5, max: 9 } }
  haze: { amount: { min: 0.1, max: 0.3 }, colour: "#ABCDEF" }
  snow: { density: 0.5, size: { min: 0.5, max: 2 }, cover: { min: 0, max: 0.5 } }
  dust: { amount: 0.3, particles: { min: 0.1, max: 0.2 } }
`);
    const fogs = fs.map((f) => f.weather!.fog!);
    assertRate(fogs.filter((f) => f.mode === 'linear').length, fs.length, 0.75, 'linear fog');
    for (const fog of fogs) {
      if (fog.mode === 'exp') assert.ok(fog.density >= 0.1 && fog.density < 0.2);
      else assert.ok(fog.near >= 1 && fog.near < 2 && fog.far >= 5 && fog.far < 9);
    }
    for (const { weather } of fs) {
      assert.equal(weather!.haze!.colour, '#abcdef');
      assert.ok(weather!.haze!.amount >= 0.1 && weather!.haze!.amount < 0.3);
      assert.ok(weather!.snow!.size >= 0.5 && weather!.snow!.size < 2 && weather!.snow!.cover < 0.5);
      assert.ok(weather!.dust!.particles >= 0.1 && weather!.dust!.particles < 0.2);
      assert.ok(Number.isInteger(weather!.seed));
    }
    assert.ok(new Set(fs.map((f) => f.weather!.seed)).size > fs.length * 0.99, 'each frame has its own seed');
  });

  it('places screen glare where asked, and light glare where the light is seen', () => {
    const screen = frames('weather: { glare: { source: screen, x: { min: 0.2, max: 0.4 }, y: 0.9 } }\n', 300).map((f) => f.weather!.glare!);
    assert.ok(screen.every((g) => g.x >= 0.2 && g.x < 0.4 && g.y === 0.9 && g.colour === '#fff4e0'));
    // The camera looks along +y from 10° up; the light is 15° up ahead of it (azimuth 180), 25° above the view axis.
    const toward = `camera: { elevation: 10, fov: 60 }\n`;
    const seen = frames(`${toward}weather: { glare: {} }\n`, 5).map((f) => f.weather!.glare!);
    for (const g of seen) {
      assert.ok(Math.abs(g.x - 0.5) < 0.01, `centred across, x = ${g.x}`);
      const expected = 0.5 - (0.5 * Math.tan((25 * Math.PI) / 180)) / Math.tan((30 * Math.PI) / 180);
      assert.ok(Math.abs(g.y - expected) < 0.002, `25° above the centre with a 60° field of view: y = ${g.y}, expected ${expected}`);
      assert.equal(g.colour, '#ffffff');
    }
    // Looking straight down, the same light is behind the camera: no glare.
    assert.ok(frames('weather: { glare: {} }\n', 5).every((f) => f.weather!.glare === null));
  });

  it('names the field and the allowed values in errors', () => {
    assert.match(problems('weather: { rain: { p: 1.5 } }\n'), /weather\.rain\.p: expected a probability within \[0, 1\], got 1\.5/);
    assert.match(problems('weather: { rain: { dencity: 1 } }\n'), /weather\.rain: unknown key "dencity"/);
    assert.match(problems('weather: { snow: { density: 2 } }\n'), /weather\.snow\.density: expected values within \[0, 1\]/);
    assert.match(problems('weather: { fog: { near: { min: 1, max: 6 }, far: 5 } }\n'), /weather\.fog\.far: expected far above every value near can take/);
    const ambientOnly = base.replace(/ {2}- \{ type: directional.*\n/, '');
    assert.match(problems('weather: { glare: {} }\n', ambientOnly), /weather\.glare\.source: expected "screen", or a directional, sky, spot or point light/);
  });
});
