import { z } from 'zod';
import { ColourDist, NumberDist, boundedNumberDist, choiceDist } from './distributions.js';

/**
 * The scene config: what users author in scenes/*.yaml. Everything that varies per image is a
 * distribution (see distributions.ts); `sampleFrame` turns the scene into one concrete FrameSpec.
 *
 * World frame: the surface is the plane z = 0, objects stand on it facing +z, and "up" on the
 * surface is +y (the way text on a table faces its reader). Angles are in degrees, lengths in
 * scene units (a glyph's `size` is its height).
 */

const Vec3Dist = z.strictObject({
  x: NumberDist.default(0),
  y: NumberDist.default(0),
  z: NumberDist.default(0),
});

const Intensity = boundedNumberDist(0, Infinity).describe('light intensity (three.js physical units), >= 0');
const Unit = boundedNumberDist(0, 1);

export const MaterialSpec = z.strictObject({
  colour: ColourDist.default('#ffffff'),
  roughness: Unit.default(0.6).describe('0 (mirror) to 1 (matte)'),
  metalness: Unit.default(0).describe('0 (dielectric) to 1 (metal)'),
});
export type MaterialSpec = z.output<typeof MaterialSpec>;

const AmbientLight = z.strictObject({
  type: z.literal('ambient'),
  intensity: Intensity.default(0.5),
  colour: ColourDist.default('#ffffff'),
});
const HemisphereLight = z.strictObject({
  type: z.literal('hemisphere'),
  intensity: Intensity.default(0.5),
  sky: ColourDist.default('#ffffff'),
  ground: ColourDist.default('#444444'),
});
const DirectionalLight = z.strictObject({
  type: z.literal('directional'),
  intensity: Intensity.default(1),
  colour: ColourDist.default('#ffffff'),
  elevation: boundedNumberDist(-90, 90, '°').default(45).describe('degrees above the surface'),
  azimuth: NumberDist.default(0).describe('degrees around the surface normal; 0 is from the viewer side (-y)'),
});
const PointLight = z.strictObject({
  type: z.literal('point'),
  intensity: Intensity.default(10),
  colour: ColourDist.default('#ffffff'),
  position: Vec3Dist.prefault({ z: 3 }),
  /** Three.js point lights fall off with distance; 0 means infinite range. */
  range: boundedNumberDist(0, Infinity).default(0),
});
export const LightSpec = z.discriminatedUnion('type', [AmbientLight, HemisphereLight, DirectionalLight, PointLight], {
  error: 'expected a light with type "ambient", "hemisphere", "directional" or "point"',
});
export type LightSpec = z.output<typeof LightSpec>;

const FontList = z
  .array(z.string().min(1))
  .min(1)
  .describe('font files (.ttf, .otf, .woff): paths relative to the scene file, absolute, or "npm:<package>/<file>"');

const GlyphObject = z.strictObject({
  kind: z.literal('glyph'),
  class: choiceDist(z.string()).optional()
    .describe('the class to draw (a class name or {choice, weights}); default: uniform over the scene classes'),
  text: z.record(z.string(), z.string().min(1)).optional()
    .describe('characters drawn for each class; default: the class name itself'),
  fonts: FontList,
  fontWeights: z.array(z.number().nonnegative()).optional().describe('relative frequency of each font'),
  size: boundedNumberDist(1e-6, Infinity).default(1).describe('glyph height in scene units'),
  depth: boundedNumberDist(1e-6, Infinity).default(0.15).describe('extrusion depth in scene units'),
  stretch: boundedNumberDist(0.05, 20).default(1).describe('horizontal scale relative to the font (1 = as designed)'),
  shear: boundedNumberDist(-80, 80, '°').default(0).describe('slant in degrees; positive leans right like italics'),
  position: Vec3Dist.prefault({}),
  rotation: Vec3Dist.prefault({}).describe('degrees about x, y, z (z spins the glyph on the surface)'),
  material: MaterialSpec.prefault({}),
});
export const ObjectSpec = z.discriminatedUnion('kind', [GlyphObject], { error: 'expected an object with kind "glyph"' });
export type ObjectSpec = z.output<typeof ObjectSpec>;

const FitSpec = z
  .strictObject({
    box: z.int().positive().describe('the object is scaled to fit in box × box pixels, keeping its aspect ratio'),
    canvas: z.int().positive().describe('side of the square output image in pixels'),
    centre: z.enum(['mass', 'box']).default('mass')
      .describe('place the centre of mass of the intensities (as MNIST does) or the box centre at the canvas centre'),
    padding: z.number().nonnegative().default(0).describe('pixels of context kept around the object before fitting'),
    maskBackground: z.boolean().default(false)
      .describe('set pixels outside the object mask to black (MNIST-like digits on black)'),
  })
  .refine((f) => f.box <= f.canvas, { message: 'expected box <= canvas', path: ['box'] });

export const OutputSpec = z.strictObject({
  colour: z.enum(['rgb', 'grey']).default('rgb').describe('channels written to the PNG'),
  fit: FitSpec.optional().describe('crop each image to the labelled object, fit it in a box and place it on a canvas'),
});

export const CameraSpec = z.strictObject({
  fov: boundedNumberDist(1, 170, '°').default(35).describe('vertical field of view in degrees'),
  distance: boundedNumberDist(1e-3, Infinity).default(3).describe('distance from the look-at point'),
  elevation: boundedNumberDist(1, 90, '°').default(90).describe('degrees above the surface; 90 looks straight down'),
  azimuth: NumberDist.default(0).describe('degrees around the surface normal; 0 is the reader side (-y)'),
  roll: NumberDist.default(0).describe('rotation about the viewing axis in degrees'),
  lookAt: Vec3Dist.prefault({}).describe('the point looked at (jitter it with distributions)'),
});

export const SceneSpec = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    classes: z.array(z.string().min(1)).min(1).describe('class names; a class label is an index into this list'),
    image: z
      .strictObject({
        width: z.int().min(8).max(4096).default(64),
        height: z.int().min(8).max(4096).default(64),
        antialias: z.boolean().default(true),
      })
      .prefault({}),
    output: OutputSpec.prefault({}),
    background: ColourDist.default('#000000').describe('colour behind everything'),
    surface: z
      .strictObject({
        size: boundedNumberDist(1e-3, Infinity).default(10).describe('side of the square surface'),
        material: MaterialSpec.prefault({ colour: '#808080', roughness: 0.9 }),
      })
      .optional()
      .describe('a flat surface at z = 0 under the objects; omit for none'),
    camera: CameraSpec.prefault({}),
    lights: z.array(LightSpec).prefault([{ type: 'ambient', intensity: 0.6 }]),
    objects: z.array(ObjectSpec).min(1),
  })
  .superRefine((scene, ctx) => {
    const duplicates = scene.classes.filter((c, i) => scene.classes.indexOf(c) !== i);
    if (duplicates.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['classes'], input: scene.classes,
        message: `expected unique class names (repeated: ${[...new Set(duplicates)].join(', ')})` });
    }
    scene.objects.forEach((object, i) => {
      const classes = object.class === undefined ? [] : typeof object.class === 'string' ? [object.class] : object.class.choice;
      for (const name of classes) {
        if (!scene.classes.includes(name)) {
          ctx.addIssue({ code: 'custom', path: ['objects', i, 'class'], input: name,
            message: `expected one of the scene classes (${scene.classes.join(', ')})` });
        }
      }
      if (object.fontWeights !== undefined && object.fontWeights.length !== object.fonts.length) {
        ctx.addIssue({ code: 'custom', path: ['objects', i, 'fontWeights'], input: object.fontWeights,
          message: `expected one weight per font (${object.fonts.length})` });
      }
    });
  });
export type SceneSpec = z.output<typeof SceneSpec>;
export type SceneInput = z.input<typeof SceneSpec>;
