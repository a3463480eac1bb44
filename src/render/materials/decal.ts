import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, boundedNumberDist, choiceDist, sampleChoice, sampleNumber } from '../distributions.js';
import { frameInkFields, sampleInk } from './pattern.js';

/**
 * A decal: one mark (a logo, a line of text, a band of stripes, a pocket, a contrast yoke) printed
 * once on an object, where a pattern repeats. It is placed in the object's texture square (uv 0-1;
 * for a product the square around its face, so x 0.5 is the centre line and y 1 the top). The page
 * draws it with decal-pixels.ts from these values alone (including `seed`, which picks the mark's
 * outline), so the same frame gives the same pixels.
 */
export const DECAL_MARKS = ['logo', 'ring', 'text', 'band', 'pocket', 'yoke', 'placket', 'zip', 'seams', 'hem', 'pockets', 'quilting'] as const;
export type DecalMark = (typeof DECAL_MARKS)[number];

/**
 * The marks a decal picks from when the config names none. The construction marks (placket, zip,
 * seams, hem, pockets, quilting) came later and are left out, so scenes without `mark` keep their marks.
 */
const DEFAULT_MARKS: DecalMark[] = ['logo', 'ring', 'text', 'band', 'pocket', 'yoke'];

const Unit = boundedNumberDist(0, 1);

export const decalFields = {
  type: z.literal('decal'),
  mark: choiceDist(z.enum(DECAL_MARKS)).default({ choice: DEFAULT_MARKS })
    .describe('logo (a filled blob), ring (its outline), text (rows of letter blocks), band (stripes across), pocket (a small square outline to one side), yoke (everything above y); not in the default choice: placket (a button line `size` wide from y down to the bottom), zip (a line `size` wide from y down, a pull at its top), seams (two lines `size` wide from y down, either side of x), hem (a line `size` thick across at y, sometimes doubled), pockets (two outlines `size` wide either side of x at y), quilting (lines across everything below y, `size` apart)'),
  x: Unit.default(0.5).describe('centre of the mark across the texture square (0-1)'),
  y: Unit.default({ min: 0.6, max: 0.75 }).describe('centre of the mark up the texture square (0-1; 1 is the top)'),
  size: boundedNumberDist(0.01, 1).default({ min: 0.12, max: 0.3 }).describe('width of the mark, a fraction of the texture square'),
  colours: z.tuple([ColourDist, ColourDist]).default(['#ffffff', '#000000'])
    .describe('the colour around the mark and the mark\'s colour'),
  contrast: Unit.default(1).describe('0 paints the mark in the first colour (invisible), 1 in the second'),
};

export const FrameDecal = z.strictObject({
  type: z.literal('decal'),
  mark: z.enum(DECAL_MARKS),
  x: z.number(),
  y: z.number(),
  size: z.number(),
  ...frameInkFields,
});
export type FrameDecal = z.output<typeof FrameDecal>;

interface DecalSpec {
  mark: DecalMark | { choice: DecalMark[]; weights?: number[] | undefined };
  x: z.output<typeof Unit>;
  y: z.output<typeof Unit>;
  size: z.output<typeof Unit>;
  colours: [ColourDist, ColourDist];
  contrast: z.output<typeof Unit>;
}

export function sampleDecal(spec: DecalSpec, rng: Rng): FrameDecal {
  return {
    type: 'decal',
    mark: sampleChoice(spec.mark, rng.fork('mark')),
    x: sampleNumber(spec.x, rng.fork('x')),
    y: sampleNumber(spec.y, rng.fork('y')),
    size: sampleNumber(spec.size, rng.fork('size')),
    ...sampleInk(spec, rng),
  };
}
