import { z } from 'zod';
import type { Rng } from '../../../rng.js';
import { sampleNumber } from '../../distributions.js';
import { DIGIT_TEMPLATES, templatesOf } from './digit-templates.js';
import { type HandwritingStyle, STYLE_NUMBERS, type StyleNumber } from './handwriting-style.js';

/** One term of the smooth warp: displacement amplitude · sin(fx·x + fy·y + phase), per axis. */
export const WarpTerm = z.strictObject({ ax: z.number(), ay: z.number(), fx: z.number(), fy: z.number(), phase: z.number() });
export type WarpTerm = z.output<typeof WarpTerm>;

/**
 * Everything that makes one handwritten digit, as concrete numbers (logged in the manifest).
 * `handwritingStrokes` turns it into strokes without drawing anything random.
 */
export const HandwritingParams = z.strictObject({
  digit: z.int().min(0).max(9),
  template: z.string().describe('name of the digit template (digit-templates.ts)'),
  jitter: z.number(),
  warp: z.number(),
  slant: z.number(),
  rotation: z.number(),
  aspect: z.number(),
  width: z.number(),
  pressure: z.number(),
  taper: z.number(),
  offsets: z.array(z.array(z.tuple([z.number(), z.number()]))).describe('per stroke, per control point: the [dx, dy] jitter'),
  warpTerms: z.array(WarpTerm),
  pressureWaves: z.array(z.strictObject({ cycles: z.number(), phase: z.number() }))
    .describe('per stroke: pen-pressure wave as cycles over the stroke and phase (radians)'),
});
export type HandwritingParams = z.output<typeof HandwritingParams>;

const WARP_TERMS = 3;

/**
 * Draws the parameters of one handwritten `digit`. Pure: the result depends only on (style,
 * rng.key, digit); each value comes from its own fork, so adding a field leaves the others alone.
 */
export function sampleHandwriting(style: HandwritingStyle, rng: Rng, digit: number): HandwritingParams {
  const candidates = templatesOf(digit);
  if (candidates.length === 0) throw new RangeError(`no handwriting template for digit ${digit} (expected 0-9)`);
  const weights = candidates.map((tpl) => style.templates?.[tpl.name] ?? tpl.weight);
  const template = weights.some((w) => w > 0) ? rng.fork('template').pick(candidates, weights) : candidates[0]!;

  const numbers = Object.fromEntries(STYLE_NUMBERS.map((k) => [k, sampleNumber(style[k], rng.fork(k))])) as Record<StyleNumber, number>;
  const jitterRng = rng.fork('offsets');
  const offsets = template.strokes.map((stroke, s) =>
    stroke.points.map((_, p) => {
      const r = jitterRng.fork(s).fork(p);
      return [r.normal(0, numbers.jitter), r.normal(0, numbers.jitter)] as [number, number];
    }));
  const warpRng = rng.fork('warpTerms');
  const warpTerms = Array.from({ length: WARP_TERMS }, (_, k): WarpTerm => {
    const r = warpRng.fork(k);
    const angle = r.fork('angle').float(0, 2 * Math.PI);
    const frequency = r.fork('frequency').float(1.5, 4.5);
    return {
      ax: r.fork('ax').normal(0, 1 / Math.sqrt(WARP_TERMS)),
      ay: r.fork('ay').normal(0, 1 / Math.sqrt(WARP_TERMS)),
      fx: frequency * Math.cos(angle),
      fy: frequency * Math.sin(angle),
      phase: r.fork('phase').float(0, 2 * Math.PI),
    };
  });
  const pressureRng = rng.fork('pressureWaves');
  const pressureWaves = template.strokes.map((_, s) => {
    const r = pressureRng.fork(s);
    return { cycles: r.fork('cycles').float(0.3, 1.5), phase: r.fork('phase').float(0, 2 * Math.PI) };
  });
  return { digit, template: template.name, ...numbers, offsets, warpTerms, pressureWaves };
}

/** The template a params object names (throws for an unknown name). */
export function templateNamed(name: string) {
  const template = DIGIT_TEMPLATES.find((tpl) => tpl.name === name);
  if (!template) throw new RangeError(`unknown handwriting template "${name}"`);
  return template;
}
