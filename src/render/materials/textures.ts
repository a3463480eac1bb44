import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { NumberDist, boundedNumberDist, checkChoice, choiceOf, sampleNumber } from '../distributions.js';
import { ImageFolder, type ImageFolders, pickImage } from '../images/image-folder.js';
import { FrameDecal, decalFields, sampleDecal } from './decal.js';
import { FramePattern, patternFields, samplePattern } from './pattern.js';

const Probability = z.number().min(0).max(1).default(1)
  .describe('chance that an image gets a texture; the material is plain otherwise');
const Scale = boundedNumberDist(1e-6, Infinity);

const PatternTexture = z.strictObject({
  ...patternFields,
  scale: Scale.default(4).describe('pattern periods per scene unit (a checker period is two squares, a stripes period a pair of stripes, a plaid period one broad band and two thin lines each way, noise has one blotch per period)'),
  probability: Probability,
});

const ImageTexture = z.strictObject({
  type: z.literal('image').default('image'),
  folder: ImageFolder,
  scale: Scale.default(1).describe('times the image repeats per scene unit across'),
  rotation: NumberDist.default(0).describe('degrees the image is turned counter-clockwise'),
  probability: Probability,
});

const DecalTexture = z.strictObject({ ...decalFields, probability: Probability });

const TextureOption = z.discriminatedUnion('type', [PatternTexture, ImageTexture, DecalTexture], {
  error: 'expected a texture with type "noise", "stripes", "checker", "plaid" or "decal", or {folder} for images',
});

/** What a material's colour is multiplied by: a procedural pattern, a decal or an image, or nothing (plain). */
export const TextureSpec = z
  .union([TextureOption, choiceOf(TextureOption).extend({ probability: Probability })], {
    error: 'expected a texture ({type: noise|stripes|checker|plaid|decal, …} or {folder, …}) or {choice: [textures], weights, probability}',
  })
  .superRefine((value, ctx) => {
    if ('choice' in value) checkChoice(value, ctx);
  })
  .describe('a texture the material colour is multiplied by, or a weighted choice of them; `probability` leaves some images plain');
export type TextureSpec = z.output<typeof TextureSpec>;

export const FrameTexture = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  FramePattern,
  FrameDecal,
  z.strictObject({ type: z.literal('image'), file: z.string(), scale: z.number(), rotation: z.number() }),
]);
export type FrameTexture = z.output<typeof FrameTexture>;

export function sampleTexture(spec: TextureSpec | undefined, rng: Rng, folders: ImageFolders): FrameTexture {
  if (spec === undefined) return { type: 'none' };
  const [option, probability] = 'choice' in spec
    ? [rng.fork('choice').pick(spec.choice, spec.weights), spec.probability]
    : [spec, 1];
  if (!rng.fork('probability').bool(probability * option.probability)) return { type: 'none' };
  if (option.type === 'decal') return sampleDecal(option, rng);
  if (option.type !== 'image') return samplePattern(option, rng);
  return {
    type: 'image',
    file: pickImage(folders, option.folder, rng.fork('file')),
    scale: sampleNumber(option.scale, rng.fork('scale')),
    rotation: sampleNumber(option.rotation, rng.fork('rotation')),
  };
}
