import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, boundedNumberDist, sampleColour, sampleNumber } from '../distributions.js';
import { Colour } from '../frame-values.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameTexture, TextureSpec, sampleTexture } from './textures.js';

/** A physically based surface: colour, roughness, metalness, and a texture the colour is multiplied by. */
const Unit = boundedNumberDist(0, 1);

export const MaterialSpec = z.strictObject({
  colour: ColourDist.default('#ffffff'),
  roughness: Unit.default(0.6).describe('0 (mirror) to 1 (matte)'),
  metalness: Unit.default(0).describe('0 (dielectric) to 1 (metal)'),
  texture: TextureSpec.optional(),
});
export type MaterialSpec = z.output<typeof MaterialSpec>;

export const FrameMaterial = z.strictObject({ colour: Colour, roughness: z.number(), metalness: z.number(), texture: FrameTexture });
export type FrameMaterial = z.output<typeof FrameMaterial>;

export function sampleMaterial(material: MaterialSpec, rng: Rng, folders: ImageFolders): FrameMaterial {
  return {
    colour: sampleColour(material.colour, rng.fork('colour')),
    roughness: sampleNumber(material.roughness, rng.fork('roughness')),
    metalness: sampleNumber(material.metalness, rng.fork('metalness')),
    texture: sampleTexture(material.texture, rng.fork('texture'), folders),
  };
}
