import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameSensor } from '../../src/render/sensor/sensor.js';
import { SIZE, channel, edgeEnergy, frame, luma, mean, region, std, suiteRenderer } from './weather-helpers.js';

const linear = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

describe('sensor effects in the rendered image', () => {
  const renderer = suiteRenderer();
  const render = async (...sensors: Partial<FrameSensor>[]) => (await renderer.render(sensors.map((sensor) => frame({ sensor })))).map((r) => r.pixels);

  it('exposure +1 EV doubles the light, -1 EV halves it', async () => {
    const [dark, normal, bright] = await render({ exposure: { ev: -1 } }, {}, { exposure: { ev: 1 } });
    const ratios = { up: [] as number[], down: [] as number[] };
    for (let i = 0; i < normal!.length; i++) {
      const v = normal![i]!;
      if (v < 40 || v > 150) continue; // away from 8-bit rounding in the darks and clipping at white
      ratios.up.push(linear(bright![i]!) / linear(v));
      ratios.down.push(linear(dark![i]!) / linear(v));
    }
    assert.ok(ratios.up.length > 1000);
    assert.ok(Math.abs(mean(ratios.up) - 2) < 0.05, `+1 EV: ×${mean(ratios.up)}`);
    assert.ok(Math.abs(mean(ratios.down) - 0.5) < 0.02, `-1 EV: ×${mean(ratios.down)}`);
  });

  it('defocus and motion blur lower high-frequency energy; motion blur along its direction', async () => {
    const [sharp, defocused, horizontal, vertical] = await render({}, { defocus: { radius: 1.5 } },
      { motionBlur: { length: 6, angle: 0 } }, { motionBlur: { length: 6, angle: 90 } });
    const e = [sharp, defocused, horizontal, vertical].map((p) => edgeEnergy(luma(p!)));
    assert.ok(e[1]!.laplacian < 0.5 * e[0]!.laplacian, `defocus: ${e[1]!.laplacian} vs ${e[0]!.laplacian}`);
    assert.ok(e[2]!.laplacian < 0.6 * e[0]!.laplacian && e[3]!.laplacian < 0.6 * e[0]!.laplacian);
    // A horizontal smear removes horizontal differences far more than vertical ones, and the other way round.
    assert.ok(e[2]!.gx / e[0]!.gx < 0.5 * (e[2]!.gy / e[0]!.gy), `horizontal: gx ×${e[2]!.gx / e[0]!.gx}, gy ×${e[2]!.gy / e[0]!.gy}`);
    assert.ok(e[3]!.gy / e[0]!.gy < 0.5 * (e[3]!.gx / e[0]!.gx), `vertical: gy ×${e[3]!.gy / e[0]!.gy}, gx ×${e[3]!.gx / e[0]!.gx}`);
  });

  it('noise raises the spread of a flat region by its amount; shot noise grows with brightness', async () => {
    const [clean, noisy, shot, shotDark] = await render({}, { noise: { kind: 'gaussian', amount: 8, seed: 1 } },
      { noise: { kind: 'poisson', amount: 8, seed: 1 } }, { noise: { kind: 'poisson', amount: 8, seed: 1 }, exposure: { ev: -3 } });
    const corner = (p: Buffer) => region(channel(p, 0), 0, 0, 16, 16);
    assert.ok(std(corner(clean!)) < 1, 'the corner is flat');
    assert.ok(Math.abs(std(corner(noisy!)) - 8) < 1.5, `gaussian: std ${std(corner(noisy!))}`);
    const level = mean(corner(clean!));
    const expected = 8 * Math.sqrt(linear(level) / 0.214);
    assert.ok(Math.abs(std(corner(shot!)) - expected) < 0.25 * expected, `poisson at ${level.toFixed(0)}: std ${std(corner(shot!))}, expected ${expected}`);
    assert.ok(std(corner(shotDark!)) < 0.6 * std(corner(shot!)), 'darker, less shot noise');
    const [again] = await render({ noise: { kind: 'gaussian', amount: 8, seed: 1 } });
    const [other] = await render({ noise: { kind: 'gaussian', amount: 8, seed: 2 } });
    assert.ok(again!.equals(noisy!) && !other!.equals(noisy!), 'the noise follows its seed');
  });

  it('leaves the label pass alone', async () => {
    const [clear, blurred] = await renderer.render([frame(), frame({ sensor: { motionBlur: { length: 8, angle: 45 }, defocus: { radius: 3 }, exposure: { ev: 2 } } })]);
    assert.ok(clear!.ids.equals(blurred!.ids));
    assert.equal(clear!.ids.length, SIZE * SIZE);
  });
});
