import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertRate, configProblems, sampledFrames } from './weather-helpers.js';

const base = `
name: s
classes: ["0"]
objects:
  - kind: glyph
    fonts: [npm:@fontsource/roboto/files/roboto-latin-400-normal.woff]
`;
const sensors = (extra: string, n = 2000) => sampledFrames(base + extra, n, 8).map((f) => f.sensor!);
const problems = (extra: string) => configProblems(base + extra);

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('sensor sampling', () => {
  it('turns each effect on in a fraction p of frames', () => {
    const s = sensors(`sensor:
  exposure: { p: 0.25 }
  motionBlur: { p: 0.5 }
  defocus: { p: 0.1 }
  noise: { p: 0.9 }
  jpeg: { p: 0 }
`);
    for (const [k, p] of [['exposure', 0.25], ['motionBlur', 0.5], ['defocus', 0.1], ['noise', 0.9], ['jpeg', 0]] as const) {
      assertRate(s.filter((x) => x[k] !== null).length, s.length, p, k);
    }
  });

  it('samples values from their distributions', () => {
    const s = sensors(`sensor:
  exposure: { ev: { mean: 0.5, std: 1, min: -2, max: 2 } }
  motionBlur: { length: { min: 1, max: 4 } }
  defocus: { radius: { choice: [0.5, 2], weights: [3, 1] } }
  noise: { kind: { choice: [gaussian, poisson] }, amount: { min: 2, max: 6 } }
  jpeg: { quality: { min: 10.2, max: 60 } }
`);
    const ev = s.map((x) => x.exposure!.ev);
    assert.ok(ev.every((e) => e >= -2 && e <= 2) && Math.abs(mean(ev) - 0.45) < 0.1, `mean EV ${mean(ev)}`);
    assert.ok(s.every((x) => x.motionBlur!.length >= 1 && x.motionBlur!.length < 4 && x.motionBlur!.angle >= 0 && x.motionBlur!.angle < 180));
    assert.ok(Math.abs(s.filter((x) => x.defocus!.radius === 0.5).length / s.length - 0.75) < 0.05);
    assert.ok(Math.abs(s.filter((x) => x.noise!.kind === 'poisson').length / s.length - 0.5) < 0.05);
    assert.ok(new Set(s.map((x) => x.noise!.seed)).size > s.length * 0.99, 'each frame has its own noise seed');
    const q = s.map((x) => x.jpeg!.quality);
    assert.ok(q.every((v) => Number.isInteger(v) && v >= 10 && v <= 60));
  });

  it('names the field and the allowed values in errors', () => {
    assert.match(problems('sensor: { jpeg: { quality: 0 } }\n'), /sensor\.jpeg\.quality: expected values within \[1, 100\]/);
    assert.match(problems('sensor: { noise: { kind: salt } }\n'), /sensor\.noise\.kind:/);
    assert.match(problems('sensor: { blur: {} }\n'), /sensor: unknown key "blur"/);
  });
});
