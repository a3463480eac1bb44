import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { NumberDist, boundedNumberDist, choiceDist, sampleChoice, sampleNumber } from '../distributions.js';
import { Probability, sampleOccasional } from '../weather/occasional.js';

/**
 * The camera that records the image: exposure, motion and defocus blur, noise, JPEG compression.
 * Each effect is on in a fraction `p` of frames. All but JPEG are applied by the page's
 * post-processing pass (post-pass.ts); JPEG is applied in Node when the image is written
 * (encode-image.ts). Lengths are in pixels of the rendered frame. Exposure scales the rendered
 * image's light, so what rendered as pure white turns grey at -1 EV rather than keeping detail.
 */
const ExposureSpec = z
  .strictObject({ p: Probability, ev: boundedNumberDist(-10, 10, ' EV').default(0).describe('exposure shift in stops: +1 doubles the light, -1 halves it') })
  .describe('over- or under-exposure');

const MotionBlurSpec = z
  .strictObject({
    p: Probability,
    length: boundedNumberDist(0, 64, ' px').default(3).describe('length of the smear in pixels'),
    angle: NumberDist.default({ min: 0, max: 180 }).describe('direction of the smear in degrees, 0 horizontal, 90 vertical'),
  })
  .describe('camera shake or motion during the exposure');

const DefocusSpec = z
  .strictObject({ p: Probability, radius: boundedNumberDist(0, 16, ' px').default(1).describe('radius of the blur disc in pixels') })
  .describe('an out-of-focus lens');

const NoiseSpec = z
  .strictObject({
    p: Probability,
    kind: choiceDist(z.enum(['gaussian', 'poisson'])).default('gaussian')
      .describe('"gaussian": the same everywhere (read noise); "poisson": grows with the square root of brightness (shot noise)'),
    amount: boundedNumberDist(0, 128).default(4).describe('standard deviation in 8-bit levels (for "poisson", at mid grey)'),
  })
  .describe('sensor noise, independent per pixel and channel');

const JpegSpec = z
  .strictObject({ p: Probability, quality: boundedNumberDist(1, 100).default(75).describe('JPEG quality 1-100 (rounded); lower gives more blocking and ringing') })
  .describe('JPEG compression: the image is encoded at this quality and decoded again before it is written as PNG');

export const SensorSpec = z
  .strictObject({
    exposure: ExposureSpec.optional(),
    motionBlur: MotionBlurSpec.optional(),
    defocus: DefocusSpec.optional(),
    noise: NoiseSpec.optional(),
    jpeg: JpegSpec.optional(),
  })
  .describe('camera sensor and lens effects, each on in a fraction p of frames; omit an effect for never');
export type SensorSpec = z.output<typeof SensorSpec>;

export const FrameSensor = z.strictObject({
  exposure: z.strictObject({ ev: z.number() }).nullable(),
  motionBlur: z.strictObject({ length: z.number(), angle: z.number() }).nullable(),
  defocus: z.strictObject({ radius: z.number() }).nullable(),
  noise: z.strictObject({ kind: z.enum(['gaussian', 'poisson']), amount: z.number(), seed: z.int().nonnegative() }).nullable(),
  jpeg: z.strictObject({ quality: z.int().min(1).max(100) }).nullable(),
});
export type FrameSensor = z.output<typeof FrameSensor>;

export function sampleSensor(spec: SensorSpec, rng: Rng): FrameSensor {
  const num = (dist: NumberDist, r: Rng, label: string) => sampleNumber(dist, r.fork(label));
  return {
    exposure: sampleOccasional(spec.exposure, rng.fork('exposure'), (e, r) => ({ ev: num(e.ev, r, 'ev') })),
    motionBlur: sampleOccasional(spec.motionBlur, rng.fork('motionBlur'), (m, r) => ({ length: num(m.length, r, 'length'), angle: num(m.angle, r, 'angle') })),
    defocus: sampleOccasional(spec.defocus, rng.fork('defocus'), (d, r) => ({ radius: num(d.radius, r, 'radius') })),
    noise: sampleOccasional(spec.noise, rng.fork('noise'), (n, r) => ({
      kind: sampleChoice(n.kind, r.fork('kind')), amount: num(n.amount, r, 'amount'), seed: r.fork('seed').int(0, 2 ** 31 - 1),
    })),
    jpeg: sampleOccasional(spec.jpeg, rng.fork('jpeg'), (j, r) => ({ quality: Math.round(num(j.quality, r, 'quality')) })),
  };
}
