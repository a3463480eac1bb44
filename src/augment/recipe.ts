import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SynthError, parseOrThrow } from '../errors.js';
// Distributions are shared with scene configs; distributions.ts is a pure module (zod + rng only).
import { boundedNumberDist } from '../render/distributions.js';
import { sha256, stableStringify } from '../stable-json.js';
import { parseYamlConfig } from '../yaml-config.js';

/**
 * An augmentation recipe: which transforms run, with what probability and parameter ranges. Every
 * transform is optional (absent = never applied) and runs in the fixed order of TRANSFORM_ORDER,
 * whatever order the file lists them in. Ranges use the distribution forms of scene configs.
 */

const p = z.number({ error: 'expected a probability in [0, 1]' }).min(0, 'expected a probability in [0, 1]').max(1, 'expected a probability in [0, 1]')
  .describe('probability that the transform is applied to an image');
const dist = boundedNumberDist;
const anyNumber = dist(-Infinity, Infinity);
const xy = <T extends z.ZodType>(d: T) =>
  z.union([d, z.strictObject({ x: d, y: d })], { error: 'expected a number distribution, or {x, y} with one for each axis' });

const transform = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ p, ...shape });

export const AugmentRecipe = z
  .strictObject({
    minVisibility: z.number().min(0).max(1).default(0.25)
      .describe('boxes with less than this fraction of their area left in the image are dropped'),
    border: z.enum(['constant', 'reflect', 'replicate']).default('constant')
      .describe('what geometric transforms show where the image has no pixels'),
    fill: z.number().min(0).max(255).default(0).describe('grey level of the constant border'),

    mosaic: transform({
      centre: dist(0.1, 0.9).default({ min: 0.3, max: 0.7 }).describe('where the four tiles meet, as a fraction of width and height'),
    }).optional().describe('four images in a 2×2 grid meeting at a random point (this image top-left)'),
    cutmix: transform({
      area: dist(0, 1).default({ min: 0.1, max: 0.5 }).describe('fraction of the image replaced by the other image'),
    }).optional().describe('a rectangle of another image pasted in; class weights by area'),
    mixup: transform({
      weight: dist(0, 1).default({ min: 0.5, max: 0.9 }).describe("this image's weight; the other image gets 1 - weight"),
    }).optional().describe('a weighted blend with another image; class weights by blend weight'),

    crop: transform({
      area: dist(0.01, 1).default({ min: 0.5, max: 1 }).describe('crop area as a fraction of the image'),
      ratio: dist(0.1, 10).default({ min: 0.75, max: 4 / 3 }).describe('crop width / height, log-uniform between min and max when a range'),
    }).optional().describe('random resized crop: a rectangle of the image scaled back to full size'),
    affine: transform({
      rotate: anyNumber.default(0).describe('degrees, counter-clockwise'),
      scale: dist(0.01, 100).default(1).describe('zoom factor about the centre'),
      translate: xy(dist(-1, 1)).default(0).describe('shift as a fraction of width (x) and height (y), drawn per axis'),
      shear: xy(dist(-80, 80)).default(0).describe('degrees, drawn per axis'),
    }).optional(),
    perspective: transform({
      strength: dist(0, 0.45).default({ min: 0.02, max: 0.1 }).describe('how far each corner moves inwards, as a fraction of the size'),
    }).optional(),
    hflip: transform({}).optional(),
    vflip: transform({}).optional(),
    elastic: transform({
      alpha: dist(0, 1000).default({ min: 1, max: 3 }).describe('displacement standard deviation, pixels'),
      sigma: dist(0.5, 1000).default(5).describe("smoothness, pixels: the Gaussian smoothing scale of Simard's field"),
    }).optional().describe('smooth random local displacement (Simard et al. 2003; their α = 34, σ = 4 on 28×28 digits is about alpha 1.4, sigma 4)'),

    brightnessContrast: transform({
      brightness: anyNumber.default(0).describe('grey levels added (0-255 scale)'),
      contrast: dist(0, 100).default(1).describe('factor multiplying each value'),
    }).optional().describe('x * contrast + brightness, clipped'),
    gamma: transform({ gamma: dist(0.01, 100).default({ min: 0.8, max: 1.25 }) }).optional().describe('255 * (x / 255) ^ gamma'),
    hueSaturation: transform({
      hue: anyNumber.default(0).describe('hue shift, degrees'),
      saturation: dist(0, 100).default(1).describe('saturation factor'),
      value: dist(0, 100).default(1).describe('value (brightness) factor'),
    }).optional().describe('colour jitter in HSV; grey images are only affected by value'),
    greyscale: transform({}).optional().describe('RGB to grey (Rec. 601 luma), kept as 3 channels'),
    thickness: transform({
      radius: dist(-3, 3).default({ min: 0, max: 0.7 }).describe('pixels: > 0 dilates (thicker bright strokes; 0.5 adds about a pixel), < 0 erodes'),
    }).optional().describe('stroke thickness: grey dilation or erosion by a disc of fractional radius'),
    autocontrast: transform({
      percentile: dist(0, 100).default(90).describe('which of the non-black values (percentile) is scaled to level'),
      level: dist(1, 255).default(255).describe('grey level that percentile becomes'),
    }).optional().describe('every value scaled by one factor so that a percentile of the non-black values reaches level (bright ink whatever the lighting)'),
    randomConvolution: transform({
      kernel: dist(1, 15).default({ choice: [1, 3, 5, 7] }).describe('kernel width in pixels, rounded to odd'),
      mix: dist(0, 1).default({ min: 0, max: 1 }).describe('share of the original image blended back in'),
    }).optional().describe('RandConv (Xu et al. 2021): a random convolution across channels, scaled to the image\'s spread, negatives clipped; randomises texture and contrast, keeps shapes'),

    fog: transform({
      density: dist(0, 1).default({ min: 0.2, max: 0.5 }).describe('mean opacity of the fog'),
      colour: z.number().min(0).max(255).default(220).describe('grey level of the fog'),
    }).optional(),
    rain: transform({
      drops: dist(0, 10000).default({ min: 0.01, max: 0.04 }).describe('streaks per pixel of image area'),
      length: dist(0, 1).default({ min: 0.05, max: 0.15 }).describe('streak length as a fraction of the height'),
      angle: dist(-80, 80).default({ min: -15, max: 15 }).describe('degrees from vertical'),
      opacity: dist(0, 1).default({ min: 0.3, max: 0.6 }),
    }).optional(),
    snow: transform({
      flakes: dist(0, 10000).default({ min: 0.01, max: 0.05 }).describe('flakes per pixel of image area'),
      size: dist(0, 100).default({ min: 0.5, max: 1.5 }).describe('flake radius, pixels'),
      opacity: dist(0, 1).default({ min: 0.5, max: 0.9 }),
    }).optional(),

    gaussianBlur: transform({
      sigma: dist(0, 100).default({ min: 0.1, max: 1 }).describe('pixels'),
      kernel: z.int().min(0).max(99).default(0).describe('odd kernel width; 0 chooses 2·ceil(3σ)+1'),
    }).optional(),
    motionBlur: transform({
      length: dist(1, 100).default({ min: 3, max: 7 }).describe('pixels'),
      angle: anyNumber.default({ min: 0, max: 180 }).describe('degrees'),
    }).optional(),

    gaussianNoise: transform({
      std: dist(0, 255).default(8).describe('grey levels'),
      perChannel: z.boolean().default(true).describe('independent noise per channel (false: the same for R, G and B)'),
    }).optional(),
    saltPepper: transform({
      amount: dist(0, 1).default({ min: 0.005, max: 0.03 }).describe('fraction of pixels replaced'),
      salt: dist(0, 1).default(0.5).describe('fraction of those set to white (the rest black)'),
    }).optional(),

    cutout: transform({
      holes: dist(1, 100).default({ min: 1, max: 3 }).describe('number of rectangles (rounded)'),
      size: dist(0, 1).default({ min: 0.1, max: 0.3 }).describe('side as a fraction of the image side'),
      fill: z.union([z.number().min(0).max(255), z.literal('random')], { error: 'expected a grey level from 0 to 255, or one of the values' }).default(0).describe("grey level, or 'random' per hole"),
    }).optional().describe('random erasing: rectangles filled with a constant'),
    jpeg: transform({
      quality: dist(1, 100).default({ min: 30, max: 90 }).describe('JPEG quality 1-100 (rounded)'),
    }).optional().describe('JPEG compression artefacts (8×8 DCT quantisation, 4:2:0 chroma)'),
  })
  .describe('an augmentation recipe: transforms with probabilities and parameter ranges');

export type AugmentRecipe = z.output<typeof AugmentRecipe>;
export type AugmentRecipeInput = z.input<typeof AugmentRecipe>;
export type TransformName = Exclude<keyof AugmentRecipe, 'minVisibility' | 'border' | 'fill'>;

/** The order transforms run in: mixing, geometry (one resampling), colour, thickness, autocontrast, random convolution, weather, blur, noise, erasing, compression. */
export const TRANSFORM_ORDER: readonly TransformName[] = [
  'mosaic', 'cutmix', 'mixup',
  'crop', 'affine', 'perspective', 'hflip', 'vflip', 'elastic',
  'brightnessContrast', 'gamma', 'hueSaturation', 'greyscale', 'thickness', 'autocontrast', 'randomConvolution',
  'fog', 'rain', 'snow',
  'gaussianBlur', 'motionBlur',
  'gaussianNoise', 'saltPepper',
  'cutout', 'jpeg',
];

/** Validates a recipe object; `source` names it in errors (a file, or "recipe"). */
export function parseRecipe(input: unknown, source = 'recipe'): AugmentRecipe {
  try {
    return parseOrThrow(AugmentRecipe, input ?? {}, source, 'augmentation recipe');
  } catch (error) {
    if (!(error instanceof SynthError)) throw error;
    // The shared message points at the scene schema; a recipe's keys are listed here instead.
    const details = error.details.map((line) => line.replace(/\(check the spelling; allowed keys are in `synth schema`\)/,
      () => `(check the spelling; allowed: ${allowedKeys(line.slice(0, line.indexOf(':'))).join(', ')})`));
    throw new SynthError(error.message, { details });
  }
}

function allowedKeys(path: string): string[] {
  if (path === '(top level)') return Object.keys(AugmentRecipe.shape);
  const field = AugmentRecipe.shape[path as TransformName];
  return field ? Object.keys(field.unwrap().shape) : [];
}

/** Reads a recipe from YAML or JSON; every problem is a SynthError naming the file and field. */
export function loadRecipe(file: string): AugmentRecipe {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SynthError(`${file}: cannot read the augmentation recipe (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseRecipe(parseYamlConfig(text, file), file);
}

/** sha256 of the validated recipe (defaults filled), recorded in lineage. */
export function recipeHash(recipe: AugmentRecipe): string {
  return sha256(stableStringify(recipe));
}

/**
 * The default recipe: label-safe for any class semantics (no flips, no hue shifts, no mixing), so
 * digits stay digits. Mild geometry, tone, blur, noise and compression.
 */
export const defaultRecipe: AugmentRecipe = parseRecipe({
  affine: { p: 0.8, rotate: { min: -10, max: 10 }, scale: { min: 0.9, max: 1.1 }, translate: { min: -0.06, max: 0.06 }, shear: { min: -6, max: 6 } },
  elastic: { p: 0.25, alpha: { min: 0.5, max: 1.5 }, sigma: 4 },
  brightnessContrast: { p: 0.7, brightness: { min: -20, max: 20 }, contrast: { min: 0.8, max: 1.2 } },
  gamma: { p: 0.3, gamma: { min: 0.8, max: 1.25 } },
  gaussianBlur: { p: 0.25, sigma: { min: 0.3, max: 1 } },
  gaussianNoise: { p: 0.3, std: { min: 2, max: 8 } },
  jpeg: { p: 0.15, quality: { min: 40, max: 90 } },
}, 'the default recipe');

/** The five operations of ../shared/anchors/opencv_augment.py with its parameter ranges. */
export const referenceRecipe: AugmentRecipe = parseRecipe({
  affine: { p: 1, rotate: { min: -15, max: 15 }, scale: { min: 0.9, max: 1.1 }, translate: { min: -0.1, max: 0.1 } },
  brightnessContrast: { p: 1, contrast: { min: 0.8, max: 1.2 }, brightness: { min: -25, max: 25 } },
  gaussianBlur: { p: 1, kernel: 3, sigma: { min: 0.1, max: 1 } },
  gaussianNoise: { p: 1, std: 8 },
  hflip: { p: 0.5 },
}, 'the reference recipe');

/** JSON Schema for recipes, generated from the zod schema (for editor autocompletion). */
export function recipeJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(AugmentRecipe, { io: 'input', unrepresentable: 'any' }), title: 'synth augmentation recipe' };
}
