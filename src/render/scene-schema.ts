import { z } from 'zod';
import { LabelsSpec } from '../label/index.js';
import { BackgroundSpec, backgroundUsesSky } from './background/background.js';
import { SurfaceSpec } from './background/surface.js';
import { CameraSpec } from './camera/camera.js';
import { LightSpec } from './lighting/lights.js';
import { handwritingDigit } from './objects/handwriting.js';
import { ObjectEntry, objectClasses, objectSpecs } from './objects/objects.js';
import { PlacementSpec } from './objects/placement.js';
import { checkExcludedFonts } from './objects/glyph.js';
import { productKind } from './objects/product.js';
import { FashionKind } from './shapes/fashion/index.js';
import { SensorSpec } from './sensor/sensor.js';
import { checkGlareSource } from './weather/glare.js';
import { WeatherSpec } from './weather/weather.js';

/**
 * The scene config: what users author in scenes/*.yaml. Everything that varies per image is a
 * distribution (see distributions.ts); `sampleFrame` turns the scene into one concrete FrameSpec.
 * Each concern (camera, lighting, objects, …) has a folder with its schema, sampler and page code.
 *
 * World frame: the surface is the plane z = 0, objects stand on it facing +z, and "up" on the
 * surface is +y (the way text on a table faces its reader). Angles are in degrees, lengths in
 * scene units (a glyph's `size` is its height).
 */

const FitSpec = z
  .strictObject({
    box: z.int().positive().describe('the object is scaled to fit in box × box pixels, keeping its aspect ratio'),
    canvas: z.int().positive().describe('side of the square output image in pixels'),
    centre: z.enum(['mass', 'box']).default('mass')
      .describe('place the centre of mass of the intensities (as MNIST does) or the box centre at the canvas centre'),
    padding: z.number().nonnegative().default(0).describe('pixels of context kept around the object before fitting'),
    maskBackground: z.boolean().default(false)
      .describe('set pixels outside the object mask to black (MNIST-like digits on black)'),
    sharpen: z.strictObject({
      amount: z.number().positive().max(10).describe('how much of the detail (image minus its blur) is added back'),
      sigma: z.number().positive().max(5).describe('the blur\'s Gaussian standard deviation, in output pixels'),
    }).optional().describe('unsharp-mask the fitted image (Fashion-MNIST sharpened its photos); black background stays black'),
    negate: z.boolean().optional()
      .describe('write the object as a negative (255 - v) on black, as Fashion-MNIST negated its photos on white: shading and seams that are dark in the render come out light'),
    subsample: z.strictObject({
      from: z.int().positive().describe('long side in pixels of the averaged first fit; at least box'),
    }).optional()
      .describe('fit in two steps, as Fashion-MNIST resized its thumbnails: area-average the object to `from` px on its long side, trim black edge rows and columns, then take one pixel per output pixel (skipping rows and columns, no averaging) down to box'),
  })
  .refine((f) => f.box <= f.canvas, { message: 'expected box <= canvas', path: ['box'] })
  .refine((f) => !f.subsample || f.subsample.from >= f.box, { message: 'expected from >= box (subsampling only shrinks)', path: ['subsample', 'from'] });

export const OutputSpec = z.strictObject({
  colour: z.enum(['rgb', 'grey']).default('rgb').describe('channels written to the PNG'),
  fit: FitSpec.optional().describe('crop each image to the labelled object, fit it in a box and place it on a canvas'),
});

export const LabelOutputSpec = z.strictObject({
  ...LabelsSpec.shape,
  masks: z.boolean().default(true)
    .describe('write an instance mask (masks/…png: value k = objects[k-1], 0 = none) and a semantic mask (semantic/…png: class label + 1) per image'),
  depth: z.boolean().default(false).describe('write a depth image per image (depth/…png, 16-bit)'),
  depthScale: z.number().positive().default(0.001)
    .describe('metres per depth-image unit (0.001: millimetres, up to 65.535 m); scene units are metres'),
});

export { CameraSpec } from './camera/camera.js';
export { LightSpec } from './lighting/lights.js';
export { MaterialSpec } from './materials/materials.js';
export { ObjectEntry, ObjectSpec } from './objects/objects.js';

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
    background: BackgroundSpec.default('#000000'),
    surface: SurfaceSpec.optional(),
    camera: CameraSpec.prefault({}),
    lights: z.array(LightSpec).prefault([{ type: 'ambient', intensity: 0.6 }]),
    objects: z.array(ObjectEntry).min(1).describe('what each image shows: object specs, each drawn in every image, or {oneOf: [specs], weights} to choose one per image'),
    placement: PlacementSpec.prefault({}),
    labels: LabelOutputSpec.prefault({}).describe('which label images are written beside each image, and which objects are too hidden or small to be labels'),
    weather: WeatherSpec.optional(),
    sensor: SensorSpec.optional(),
  })
  .superRefine((scene, ctx) => {
    const duplicates = scene.classes.filter((c, i) => scene.classes.indexOf(c) !== i);
    if (duplicates.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['classes'], input: scene.classes,
        message: `expected unique class names (repeated: ${[...new Set(duplicates)].join(', ')})` });
    }
    if (backgroundUsesSky(scene.background) && !scene.lights.some((l) => l.type === 'sky')) {
      ctx.addIssue({ code: 'custom', path: ['background'], input: scene.background,
        message: 'expected a light of type sky in lights: a sky background takes its horizon and zenith colours from it' });
    }
    for (const { object, path } of objectSpecs(scene.objects)) {
      for (const name of objectClasses(object)) {
        if (!scene.classes.includes(name)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'class'], input: name,
            message: `expected one of the scene classes (${scene.classes.join(', ')})` });
        }
      }
      const drawable = object.class === undefined ? scene.classes : objectClasses(object);
      if (object.kind === 'product') {
        for (const name of drawable.filter((c) => productKind(object, c) === undefined)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'kinds'], input: name,
            message: `class ${JSON.stringify(name)} names no product kind; map it in kinds: {${name}: <kind>} (kinds: ${FashionKind.options.join(', ')})` });
        }
        checkClassKeys(object.materials, scene.classes, [...path, 'materials'], ctx);
      }
      if (object.kind === 'glyph') {
        checkClassKeys(object.excludeFonts, scene.classes, [...path, 'excludeFonts'], ctx);
        checkExcludedFonts(object, drawable, path, ctx);
      }
      if (object.kind === 'handwriting') {
        for (const name of drawable.filter((c) => handwritingDigit(object, c) === undefined)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'digits'], input: name,
            message: `class ${JSON.stringify(name)} is not a digit; map it in digits: {${name}: <0-9>}` });
        }
      }
      const [list, weights, name] = object.kind === 'glyph' ? [object.fonts, object.fontWeights, 'font']
        : object.kind === 'model' ? [object.files, object.fileWeights, 'file'] : [[], undefined, ''];
      if (weights !== undefined && weights.length !== list.length) {
        ctx.addIssue({ code: 'custom', path: [...path, `${name}Weights`], input: weights,
          message: `expected one weight per ${name} (${list.length})` });
      }
    }
    checkGlareSource(scene.weather?.glare, scene.lights, ctx);
  });

/** A per-class map (a product's materials, a glyph's excludeFonts) names only classes of the scene. */
function checkClassKeys(byClass: Record<string, unknown> | undefined, classes: readonly string[], at: PropertyKey[], ctx: z.RefinementCtx): void {
  for (const name of Object.keys(byClass ?? {}).filter((c) => !classes.includes(c))) {
    ctx.addIssue({ code: 'custom', path: [...at, name], input: name, message: `expected a class of the scene (${classes.join(', ')})` });
  }
}
export type SceneSpec = z.output<typeof SceneSpec>;
export type SceneInput = z.input<typeof SceneSpec>;
