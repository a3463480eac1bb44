import { z } from 'zod';
import type { Rng } from '../rng.js';

/**
 * Distributions as they appear in scene configs, and their samplers. A config field that can vary
 * takes a constant, `{min, max}` (uniform), `{mean, std}` (normal, optionally clipped with min/max)
 * or `{choice, weights}` (weighted choice); the sampler turns it into one concrete value.
 */

const finite = z.number().finite();

const uniform = z.strictObject({ min: finite, max: finite });
const normal = z.strictObject({
  mean: finite,
  std: finite.nonnegative(),
  min: finite.optional().describe('values below are clipped to min'),
  max: finite.optional().describe('values above are clipped to max'),
});
const weights = z.array(finite.nonnegative()).min(1);

/** `{choice: [items], weights}`: check it with checkChoice. */
export function choiceOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ choice: z.array(item).min(1), weights: weights.optional() });
}

export function checkChoice(value: { choice: readonly unknown[]; weights?: readonly number[] | undefined }, ctx: z.RefinementCtx): void {
  if (value.weights === undefined) return;
  if (value.weights.length !== value.choice.length) {
    ctx.addIssue({ code: 'custom', path: ['weights'], input: value.weights,
      message: `expected one weight per choice (${value.choice.length})` });
  } else if (!value.weights.some((w) => w > 0)) {
    ctx.addIssue({ code: 'custom', path: ['weights'], input: value.weights, message: 'expected at least one weight > 0' });
  }
}

function checkRange(value: { min?: number | undefined; max?: number | undefined }, ctx: z.RefinementCtx): void {
  if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
    ctx.addIssue({ code: 'custom', path: ['min'], input: value.min,
      message: `expected min <= max (max is ${value.max})` });
  }
}

export const NumberDist = z
  .union([finite, uniform, normal, choiceOf(finite)], {
    error: 'expected a number, {min, max}, {mean, std[, min, max]} or {choice: [numbers], weights}',
  })
  .superRefine((value, ctx) => {
    if (typeof value === 'number') return;
    if ('choice' in value) checkChoice(value, ctx);
    else checkRange(value, ctx);
  })
  .describe('a number, {min, max} (uniform), {mean, std, min?, max?} (normal, clipped) or {choice, weights}');
export type NumberDist = z.output<typeof NumberDist>;

/** A number distribution whose every possible value satisfies `check` (e.g. non-negative). */
export function boundedNumberDist(lowest: number, highest: number, unit = '') {
  return NumberDist.superRefine((value, ctx) => {
    const [lo, hi] = numberDistRange(value);
    if (lo < lowest || hi > highest) {
      ctx.addIssue({ code: 'custom', input: value,
        message: `expected values within [${lowest}, ${highest}]${unit}, but this can give ${lo} to ${hi}` });
    }
  });
}

/** The smallest and largest values a number distribution can produce (±Infinity for unclipped normals). */
export function numberDistRange(dist: NumberDist): [number, number] {
  if (typeof dist === 'number') return [dist, dist];
  if ('choice' in dist) return [Math.min(...dist.choice), Math.max(...dist.choice)];
  if ('mean' in dist) {
    if (dist.std === 0) return [dist.mean, dist.mean];
    return [dist.min ?? -Infinity, dist.max ?? Infinity];
  }
  return [dist.min, dist.max];
}

export function sampleNumber(dist: NumberDist, rng: Rng): number {
  if (typeof dist === 'number') return dist;
  if ('choice' in dist) return rng.pick(dist.choice, dist.weights);
  if ('mean' in dist) {
    const x = rng.normal(dist.mean, dist.std);
    return Math.min(dist.max ?? Infinity, Math.max(dist.min ?? -Infinity, x));
  }
  return rng.float(dist.min, dist.max);
}

/** A string picked from a list: a constant or `{choice, weights}`. */
export function choiceDist<T extends z.ZodType<string>>(item: T) {
  return z
    .union([item, choiceOf(item)], { error: 'expected a value or {choice: [values], weights}' })
    .superRefine((value, ctx) => {
      if (typeof value === 'object') checkChoice(value, ctx);
    });
}
export type ChoiceDist<T extends string = string> = T | { choice: T[]; weights?: number[] | undefined };

export function sampleChoice<T extends string>(dist: ChoiceDist<T>, rng: Rng): T {
  return typeof dist === 'string' ? dist : rng.pick(dist.choice, dist.weights);
}

export const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as "#rrggbb"');

/** Colours: "#rrggbb", {choice: [...]}, or HSV with each channel a number distribution. */
export const ColourDist = z
  .union(
    [
      hexColour,
      choiceOf(hexColour),
      z.strictObject({
        hue: NumberDist.describe('degrees, 0-360 (wraps around)'),
        saturation: NumberDist.describe('0-1'),
        value: NumberDist.describe('0-1'),
      }),
    ],
    { error: 'expected "#rrggbb", {choice: ["#rrggbb", ...]} or {hue, saturation, value}' },
  )
  .superRefine((value, ctx) => {
    if (typeof value === 'object' && 'choice' in value) checkChoice(value, ctx);
  })
  .describe('a colour: "#rrggbb", {choice: [...], weights} or HSV {hue: 0-360, saturation: 0-1, value: 0-1}');
export type ColourDist = z.output<typeof ColourDist>;

/** Samples a colour and returns it as "#rrggbb" (what the page and the manifest receive). */
export function sampleColour(dist: ColourDist, rng: Rng): string {
  if (typeof dist === 'string') return dist.toLowerCase();
  if ('choice' in dist) return rng.pick(dist.choice, dist.weights).toLowerCase();
  const h = (((sampleNumber(dist.hue, rng) % 360) + 360) % 360) / 60;
  const s = clamp01(sampleNumber(dist.saturation, rng));
  const v = clamp01(sampleNumber(dist.value, rng));
  const c = v * s;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  const m = v - c;
  return `#${[r, g, b].map((ch) => Math.round((ch + m) * 255).toString(16).padStart(2, '0')).join('')}`;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** A point or vector whose coordinates are each a number distribution (default 0). */
export const Vec3Dist = z.strictObject({
  x: NumberDist.default(0),
  y: NumberDist.default(0),
  z: NumberDist.default(0),
});
export type Vec3Dist = z.output<typeof Vec3Dist>;

export function sampleVec3(v: Vec3Dist, rng: Rng): { x: number; y: number; z: number } {
  return { x: sampleNumber(v.x, rng.fork('x')), y: sampleNumber(v.y, rng.fork('y')), z: sampleNumber(v.z, rng.fork('z')) };
}
