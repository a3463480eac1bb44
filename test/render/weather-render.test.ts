import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameWeather } from '../../src/render/weather/weather.js';
import {
  SIZE, channel, difference, frame, gradientOrientation, luma, mean, orientationGap, region, smallBlobs, std, suiteRenderer,
} from './weather-helpers.js';

type Weather = Partial<FrameWeather>;
const rain = (angle: number, more: Partial<NonNullable<FrameWeather['rain']>> = {}) =>
  ({ rain: { density: 0.8, angle, length: 14, brightness: 0.8, wetness: 0, ...more } }) satisfies Weather;
const snow = (density: number, cover = 0) => ({ snow: { density, size: 1, brightness: 0.9, cover } }) satisfies Weather;
const everything: Weather = {
  fog: { mode: 'exp', colour: '#c0c4c8', density: 0.2 },
  haze: { amount: 0.2, colour: '#d0d8e0' },
  ...rain(20, { wetness: 0.8 }),
  ...snow(0.5, 0.3),
  dust: { amount: 0.2, colour: '#a88a62', particles: 0.4 },
  glare: { x: 0.3, y: 0.2, colour: '#fff0d0', strength: 1, size: 0.15, ghosts: 0.6 },
};

describe('weather in the rendered image', () => {
  const renderer = suiteRenderer();
  const render = async (...weathers: (Weather | undefined)[]) =>
    (await renderer.render(weathers.map((w) => frame(w === undefined ? {} : { weather: w })))).map((r) => r.pixels);

  it('with every effect off, gives the same bytes as a frame without weather', async () => {
    const [plain, off] = await render(undefined, {});
    assert.ok(plain!.equals(off!));
    // Effects at zero strength still run the screen pass, which must then copy the scene exactly.
    const idle = await renderer.render([
      frame({ weather: {}, sensor: {} }),
      frame({ weather: {}, sensor: { exposure: { ev: 0 }, noise: { kind: 'gaussian', amount: 0, seed: 1 } } }),
      frame({ weather: { haze: { amount: 0, colour: '#ffffff' }, rain: { density: 0, angle: 0, length: 9, brightness: 1, wetness: 0 } } }),
    ]);
    for (const r of idle) assert.ok(plain!.equals(r.pixels));
  });

  it('never touches the label pass', async () => {
    const [clear, stormy] = await renderer.render([
      frame(),
      frame({ weather: everything, sensor: { exposure: { ev: 1 }, motionBlur: { length: 4, angle: 30 }, defocus: { radius: 2 }, noise: { kind: 'gaussian', amount: 10, seed: 3 } } }),
    ]);
    assert.ok(!clear!.pixels.equals(stormy!.pixels), 'the weather changed the image');
    assert.ok(clear!.ids.equals(stormy!.ids), 'and not the ids');
    assert.ok(clear!.ids.some((id) => id === 1), 'the digit is in the id pass');
  });

  it('gives the same bytes for the same frame, in another page too', async () => {
    const f = frame({ weather: everything, sensor: { noise: { kind: 'poisson', amount: 6, seed: 11 } } });
    const [a, b] = await renderer.render([f, f]);
    const other = await renderer.another();
    const [c] = await other.render([f]);
    await other.close();
    assert.ok(a!.pixels.equals(b!.pixels) && a!.pixels.equals(c!.pixels));
    const [d] = await renderer.render([{ ...f, weather: { ...f.weather!, seed: 12 } }]);
    assert.ok(!a!.pixels.equals(d!.pixels), 'another seed draws other streaks and flakes');
  });

  it('fog lowers contrast as its density rises, in both modes', async () => {
    const fog = (density: number) => ({ fog: { mode: 'exp' as const, colour: '#c0c0c0', density } });
    const images = await render({}, fog(0.1), fog(0.25), fog(0.5), { fog: { mode: 'linear', colour: '#c0c0c0', near: 1, far: 4 } });
    const contrast = images.map((p) => std(luma(p!)));
    assert.ok(contrast[0]! > contrast[1]! && contrast[1]! > contrast[2]! && contrast[2]! > contrast[3]!, `contrast ${contrast.map((c) => c.toFixed(1))}`);
    assert.ok(contrast[3]! < contrast[0]! * 0.5);
    assert.ok(contrast[4]! < contrast[0]! * 0.8, `linear fog: ${contrast[4]} vs ${contrast[0]}`);
    const grey = luma(images[3]!);
    assert.ok(Math.abs(mean(grey) - 192) < Math.abs(mean(luma(images[0]!)) - 192), 'the image goes towards the fog colour');
  });

  it('haze and dust veil the image; dust is brown', async () => {
    const [clear, haze, dust] = await render({}, { haze: { amount: 0.5, colour: '#d0d8e0' } },
      { dust: { amount: 0.5, colour: '#a88a62', particles: 0 } });
    assert.ok(std(luma(haze!)) < 0.7 * std(luma(clear!)));
    assert.ok(std(luma(dust!)) < 0.7 * std(luma(clear!)));
    const warmth = (p: Buffer) => mean(channel(p, 0)) - mean(channel(p, 2));
    assert.ok(warmth(dust!) > warmth(clear!) + 15, `red minus blue: ${warmth(dust!)} vs ${warmth(clear!)}`);
  });

  it('dust particles add small bright specks', async () => {
    const [none, some] = await render({ dust: { amount: 0, colour: '#a88a62', particles: 0 } }, { dust: { amount: 0, colour: '#a88a62', particles: 0.6 } });
    const specks = smallBlobs(difference(luma(some!), luma(none!)), 10, 6);
    assert.ok(specks > 40, `${specks} specks`);
  });

  for (const angle of [-60, -35, 0, 10, 25, 70]) {
    it(`rain streaks run at the sampled angle (${angle}°)`, async () => {
      const [clear, wet] = await render({}, rain(angle));
      const streaks = difference(luma(wet!), luma(clear!));
      assert.ok(std(streaks) > 5, 'streaks are visible');
      // Streaks run along (sin a, cos a) in image coordinates (y down), so their gradients point at -a (mod 180).
      const gap = orientationGap(gradientOrientation(streaks), -angle);
      assert.ok(gap < 4, `gradient orientation ${gradientOrientation(streaks).toFixed(1)}°, expected ${-angle}° (mod 180)`);
    });
  }

  it('denser rain draws more streaks; longer rain draws longer ones', async () => {
    const [clear, light, heavy, long] = await render({}, rain(0, { density: 0.2 }), rain(0, { density: 0.8 }), rain(0, { density: 0.2, length: 28 }));
    const streaked = (p: Buffer) => difference(luma(p), luma(clear!)).filter((v) => v > 8).length;
    assert.ok(streaked(heavy!) > 2.5 * streaked(light!), `streak pixels: density 0.2 ${streaked(light!)}, 0.8 ${streaked(heavy!)}`);
    // Vertical rain: a column's streak pixels come in runs whose length grows with the streak length.
    const meanRun = (p: Buffer) => {
      const d = difference(luma(p), luma(clear!));
      const runs: number[] = [];
      for (let x = 0; x < SIZE; x++) {
        let run = 0;
        for (let y = 0; y <= SIZE; y++) {
          if (y < SIZE && d[y * SIZE + x]! > 8) run++;
          else if (run > 0) [runs[runs.length], run] = [run, 0];
        }
      }
      return mean(runs);
    };
    assert.ok(meanRun(long!) > 1.8 * meanRun(light!), `mean streak run: length 14 ${meanRun(light!).toFixed(1)}, 28 ${meanRun(long!).toFixed(1)}`);
  });

  it('bigger snowflakes are bigger blobs', async () => {
    const [clear, small, big] = await render({}, { snow: { density: 0.5, size: 0.6, brightness: 0.9, cover: 0 } }, { snow: { density: 0.5, size: 2, brightness: 0.9, cover: 0 } });
    const blobSize = (p: Buffer) => {
      const flakes = difference(luma(p), luma(clear!));
      return flakes.filter((v) => v > 15).length / smallBlobs(flakes, 15, Infinity);
    };
    assert.ok(blobSize(big!) > 2.5 * blobSize(small!), `mean flake: size 0.6 ${blobSize(small!).toFixed(1)} px, size 2 ${blobSize(big!).toFixed(1)} px`);
  });

  it('gives a frame the same bytes whichever frames with other effects came before it in the page', async () => {
    const f = frame({ weather: { ...rain(15), haze: { amount: 0.3, colour: '#d0d8e0' } }, sensor: { noise: { kind: 'gaussian', amount: 5, seed: 2 } } });
    const first = await renderer.another();
    const [alone] = await first.render([f]);
    await first.close();
    const after = await renderer.render([frame({ weather: everything }), frame({ weather: snow(0.6) }), frame({ sensor: { defocus: { radius: 2 } } }), f]);
    assert.ok(alone!.pixels.equals(after[3]!.pixels));
  });

  it('rain makes surfaces wet (darker); snow whitens them', async () => {
    const [dry, wet, snowy] = await render({}, rain(0, { density: 0, wetness: 1 }), snow(0, 0.8));
    const surface = (p: Buffer) => mean(region(luma(p), 0, 0, 16, 16));
    assert.ok(surface(wet!) < surface(dry!) - 10, `wet ${surface(wet!)} vs dry ${surface(dry!)}`);
    assert.ok(surface(snowy!) > surface(dry!) + 20, `snowy ${surface(snowy!)} vs dry ${surface(dry!)}`);
  });

  it('snow adds small bright blobs, more as it thickens', async () => {
    const [clear, light, heavy] = await render({}, snow(0.25), snow(0.8));
    const flakes = (p: Buffer) => smallBlobs(difference(luma(p), luma(clear!)), 25);
    assert.equal(flakes(clear!), 0);
    assert.ok(flakes(light!) > 10 && flakes(heavy!) > 1.5 * flakes(light!), `flakes: light ${flakes(light!)}, heavy ${flakes(heavy!)}`);
  });

  it('glare blooms at the light and puts ghosts on the line through the centre', async () => {
    const glare = (ghosts: number) => ({ glare: { x: 0.2, y: 0.2, colour: '#ffffff', strength: 1, size: 0.1, ghosts } });
    const [clear, bloom, ghosted] = await render({}, glare(0), glare(1));
    const at = (p: Buffer, x: number, y: number) => luma(p)[Math.round(y * SIZE) * SIZE + Math.round(x * SIZE)]!;
    assert.ok(at(bloom!, 0.2, 0.2) > 245, 'white at the light');
    assert.ok(at(bloom!, 0.2, 0.2) - at(clear!, 0.2, 0.2) > 60);
    // Ghosts sit at fractions 0.55, 1.35, 1.7, 2.3 of the way from the light to the centre.
    const ghosts = difference(luma(ghosted!), luma(bloom!));
    const along = (t: number) => Math.round((0.2 + t * 0.3) * SIZE);
    const on = [0.55, 1.35, 1.7].map((t) => ghosts[along(t) * SIZE + along(t)]!);
    assert.ok(on.every((v) => v > 8), `ghosts on the line: ${on.map((v) => v.toFixed(0))}`);
    const off = [[0.8, 0.2], [0.2, 0.8], [0.9, 0.5]].map(([x, y]) => ghosts[Math.round(y! * SIZE) * SIZE + Math.round(x! * SIZE)]!);
    assert.ok(off.every((v) => Math.abs(v) < 3), `nothing off the line: ${off.map((v) => v.toFixed(0))}`);
  });

  it('draws every effect at once', async () => {
    const [clear, stormy] = await render({}, everything);
    const [a, b] = [luma(clear!), luma(stormy!)];
    assert.ok(std(difference(a, b)) > 10, 'far from the clear image');
    assert.ok(std(region(b, 24, 24, 40, 40)) > 3, 'not a flat veil');
  });
});
