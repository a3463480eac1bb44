import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, NumberDist, boundedNumberDist, choiceDist, numberDistRange, sampleChoice, sampleColour, sampleNumber } from '../distributions.js';
import { Colour } from '../frame-values.js';
import { FrameGlare, type FrameView, GlareSpec, sampleGlare } from './glare.js';
import { Probability, sampleOccasional } from './occasional.js';

/**
 * Weather: each effect is on in a fraction `p` of frames, with its strength and looks drawn from
 * distributions. Fog is three.js scene fog; the rest is drawn over the RGB image by one
 * post-processing pass in the page (sensor/post-pass.ts), from a per-frame `seed`. The label
 * pass never sees any of it. Screen-space sizes are in pixels of the rendered frame.
 */
const Unit = boundedNumberDist(0, 1);
const Pixels = (most: number) => boundedNumberDist(0, most, ' px');
const Opacity = (what: string) => Unit.describe(`${what}: the veil's opacity at the camera's look-at distance (0-1); thicker further away`);

const FogSpec = z
  .strictObject({
    p: Probability,
    mode: choiceDist(z.enum(['exp', 'linear'])).default('exp')
      .describe('"exp": thickens with the square of distance (three.js FogExp2); "linear": from near to far (three.js Fog)'),
    colour: ColourDist.default('#c4c8cc'),
    density: boundedNumberDist(0, 100).default(0.25)
      .describe('exp mode: the fog hides 1 - exp(-(density·d)²) of what is d scene units away'),
    near: boundedNumberDist(0, Infinity).default(1).describe('linear mode: distance where fog starts'),
    far: boundedNumberDist(0, Infinity).default(8).describe('linear mode: distance where fog hides everything'),
  })
  .superRefine((fog, ctx) => {
    const [nearest, farthest] = [numberDistRange(fog.near)[1], numberDistRange(fog.far)[0]];
    if (nearest >= farthest) {
      ctx.addIssue({ code: 'custom', path: ['far'], input: fog.far,
        message: `expected far above every value near can take (near can reach ${nearest}, far can be as low as ${farthest})` });
    }
  })
  .describe('scene fog: objects fade into the fog colour with distance');

const HazeSpec = z
  .strictObject({ p: Probability, amount: Opacity('haze').default(0.3), colour: ColourDist.default('#d4dae2') })
  .describe('a veil of scattered light that lowers contrast, more with depth');

const RainSpec = z
  .strictObject({
    p: Probability,
    density: Unit.default(0.4).describe('how many streaks: 0 none, 1 one in every slot of the streak grid'),
    angle: NumberDist.default(0).describe('degrees from vertical, positive falling towards the right; clamped to ±80'),
    length: Pixels(1000).default(10).describe('length of the nearest streaks in pixels (farther ones are shorter)'),
    brightness: Unit.default(0.5).describe('opacity of the nearest streaks, 0-1'),
    wetness: Unit.default(0.6).describe('wet surfaces: darker and glossier, 0 dry to 1 soaked'),
  })
  .describe('rain: streaks over the image and wet, darker surfaces');

const SnowSpec = z
  .strictObject({
    p: Probability,
    density: Unit.default(0.4).describe('how many flakes: 0 none, 1 one in every slot of the flake grid'),
    size: boundedNumberDist(0.2, 100, ' px').default(1).describe('radius of the nearest flakes in pixels (farther ones are smaller)'),
    brightness: Unit.default(0.9).describe('opacity of the nearest flakes, 0-1'),
    cover: Unit.default(0.3).describe('snow on surfaces: how far their colour goes towards white, 0-1'),
  })
  .describe('snow: soft flakes over the image and whitened surfaces');

const DustSpec = z
  .strictObject({
    p: Probability,
    amount: Opacity('dust').default(0.35),
    colour: ColourDist.default('#a88a62'),
    particles: Unit.default(0.3).describe('how many fine bright particles: 0 none to 1 dense'),
  })
  .describe('dust: a brownish veil and fine particles');

export const WeatherSpec = z
  .strictObject({
    fog: FogSpec.optional(),
    haze: HazeSpec.optional(),
    rain: RainSpec.optional(),
    snow: SnowSpec.optional(),
    dust: DustSpec.optional(),
    glare: GlareSpec.optional(),
  })
  .describe('weather effects, each on in a fraction p of frames; omit an effect for never');
export type WeatherSpec = z.output<typeof WeatherSpec>;

const FrameFog = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('exp'), colour: Colour, density: z.number() }),
  z.strictObject({ mode: z.literal('linear'), colour: Colour, near: z.number(), far: z.number() }),
]);
export const FrameWeather = z.strictObject({
  /** Drives the page's procedural streaks, flakes and particles: the page draws no random numbers. */
  seed: z.int().nonnegative(),
  fog: FrameFog.nullable(),
  haze: z.strictObject({ amount: z.number(), colour: Colour }).nullable(),
  rain: z.strictObject({ density: z.number(), angle: z.number(), length: z.number(), brightness: z.number(), wetness: z.number() }).nullable(),
  snow: z.strictObject({ density: z.number(), size: z.number(), brightness: z.number(), cover: z.number() }).nullable(),
  dust: z.strictObject({ amount: z.number(), colour: Colour, particles: z.number() }).nullable(),
  glare: FrameGlare.nullable(),
});
export type FrameWeather = z.output<typeof FrameWeather>;

export function sampleWeather(spec: WeatherSpec, rng: Rng, view: FrameView): FrameWeather {
  const num = (dist: NumberDist, r: Rng, label: string) => sampleNumber(dist, r.fork(label));
  return {
    seed: rng.fork('seed').int(0, 2 ** 31 - 1),
    fog: sampleOccasional(spec.fog, rng.fork('fog'), (f, r) => {
      const colour = sampleColour(f.colour, r.fork('colour'));
      return sampleChoice(f.mode, r.fork('mode')) === 'exp'
        ? { mode: 'exp' as const, colour, density: num(f.density, r, 'density') }
        : { mode: 'linear' as const, colour, near: num(f.near, r, 'near'), far: num(f.far, r, 'far') };
    }),
    haze: sampleOccasional(spec.haze, rng.fork('haze'), (h, r) => ({ amount: num(h.amount, r, 'amount'), colour: sampleColour(h.colour, r.fork('colour')) })),
    rain: sampleOccasional(spec.rain, rng.fork('rain'), (s, r) => ({
      density: num(s.density, r, 'density'), angle: Math.max(-80, Math.min(80, num(s.angle, r, 'angle'))), length: num(s.length, r, 'length'),
      brightness: num(s.brightness, r, 'brightness'), wetness: num(s.wetness, r, 'wetness'),
    })),
    snow: sampleOccasional(spec.snow, rng.fork('snow'), (s, r) => ({
      density: num(s.density, r, 'density'), size: num(s.size, r, 'size'), brightness: num(s.brightness, r, 'brightness'), cover: num(s.cover, r, 'cover'),
    })),
    dust: sampleOccasional(spec.dust, rng.fork('dust'), (d, r) => ({
      amount: num(d.amount, r, 'amount'), colour: sampleColour(d.colour, r.fork('colour')), particles: num(d.particles, r, 'particles'),
    })),
    glare: sampleOccasional(spec.glare, rng.fork('glare'), (g, r) => sampleGlare(g, r, view)),
  };
}
