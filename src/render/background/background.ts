import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, NumberDist, boundedNumberDist, checkChoice, choiceOf, sampleColour, sampleNumber } from '../distributions.js';
import { Colour } from '../frame-values.js';
import { ImageFolder, type ImageFolders, pickImage } from '../images/image-folder.js';
import type { FrameLight } from '../lighting/lights.js';
import { FramePattern, patternFields, samplePattern } from '../materials/pattern.js';

/**
 * What is seen behind everything: a colour (as before: any colour distribution), or one of the
 * kinds below, or a weighted choice between them per image.
 */
const Solid = z.strictObject({ type: z.literal('solid'), colour: ColourDist });
const Gradient = z.strictObject({
  type: z.literal('gradient'),
  colours: z.tuple([ColourDist, ColourDist]).describe('the colours at the start and the end'),
  angle: NumberDist.default(90).describe('direction from the first colour to the second, degrees counter-clockwise from the image\'s +x (90 runs bottom to top)'),
});
const Pattern = z.strictObject({
  ...patternFields,
  scale: boundedNumberDist(1e-6, Infinity).default(4).describe('pattern periods across the image width'),
});
const Picture = z.strictObject({ type: z.literal('image'), folder: ImageFolder.describe('images shown behind everything, cropped to fill the image') });
const Sky = z.strictObject({ type: z.literal('sky') })
  .describe('the horizon colour at the image bottom to the zenith colour at the top, from the scene\'s light of type sky, turned with the camera roll');

const BackgroundKind = z.discriminatedUnion('type', [Solid, Gradient, Pattern, Picture, Sky], {
  error: 'expected a background with type "solid", "gradient", "noise", "stripes", "checker", "plaid", "image" or "sky"',
});
type BackgroundKind = z.output<typeof BackgroundKind>;

const BackgroundOption = z.union([ColourDist, BackgroundKind], { error: 'expected a colour or {type: …}' });

export const BackgroundSpec = z
  .union([ColourDist, BackgroundKind, choiceOf(BackgroundOption)], {
    error: 'expected a colour ("#rrggbb", {hue, saturation, value}), {type: solid|gradient|noise|stripes|checker|plaid|image|sky, …} or {choice: [backgrounds], weights}',
  })
  .superRefine((value, ctx) => {
    if (typeof value === 'object' && 'choice' in value) checkChoice(value, ctx);
  })
  .describe('what is seen behind everything: a colour, a kind ({type: …}) or a weighted choice of them per image');
export type BackgroundSpec = z.output<typeof BackgroundSpec>;

export const FrameBackground = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('solid'), colour: Colour }),
  z.strictObject({ type: z.literal('gradient'), colours: z.tuple([Colour, Colour]), angle: z.number() }),
  FramePattern,
  z.strictObject({ type: z.literal('image'), file: z.string() }),
  z.strictObject({ type: z.literal('sky'), horizon: Colour, zenith: Colour }),
]);
export type FrameBackground = z.output<typeof FrameBackground>;

type Option = ColourDist | BackgroundKind;

type KindChoice = { choice: Option[]; weights?: number[] | undefined };

function isKind(value: Option): value is BackgroundKind {
  return typeof value === 'object' && 'type' in value;
}

/** A choice between kinds; a choice of colours only ({choice: ["#…", …]}) parses as a ColourDist. */
function isKindChoice(spec: BackgroundSpec): spec is KindChoice {
  return typeof spec === 'object' && 'choice' in spec && spec.choice.some((o) => typeof o !== 'string');
}

/** Whether any background the spec can give is a sky (which needs a light of type sky). */
export function backgroundUsesSky(spec: BackgroundSpec): boolean {
  const options: Option[] = typeof spec === 'object' && 'choice' in spec ? spec.choice : [spec];
  return options.some((o) => isKind(o) && o.type === 'sky');
}

/** `lights` are the frame's sampled lights: a sky background takes its colours from the first sky light. */
export function sampleBackground(spec: BackgroundSpec, rng: Rng, folders: ImageFolders, lights: readonly FrameLight[]): FrameBackground {
  const isChoice = isKindChoice(spec);
  const option: Option = isChoice ? rng.fork('choice').pick(spec.choice, spec.weights) : spec as Option;
  // A plain colour draws from `rng` itself, as before backgrounds had kinds: old configs keep their colours.
  if (!isKind(option)) return { type: 'solid', colour: sampleColour(option, isChoice ? rng.fork('colour') : rng) };
  switch (option.type) {
    case 'solid':
      return { type: 'solid', colour: sampleColour(option.colour, rng.fork('colour')) };
    case 'gradient':
      return {
        type: 'gradient',
        colours: [sampleColour(option.colours[0], rng.fork('colour0')), sampleColour(option.colours[1], rng.fork('colour1'))],
        angle: sampleNumber(option.angle, rng.fork('angle')),
      };
    case 'image':
      return { type: 'image', file: pickImage(folders, option.folder, rng.fork('file')) };
    case 'sky': {
      const sky = lights.find((l) => l.type === 'sky');
      if (sky?.type !== 'sky') throw new Error('a sky background needs a light of type sky in the frame');
      return { type: 'sky', horizon: sky.horizon, zenith: sky.zenith };
    }
    default:
      return samplePattern(option, rng);
  }
}
