import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, NumberDist, Vec3Dist, boundedNumberDist, numberDistRange, sampleColour, sampleNumber, sampleVec3 } from '../distributions.js';
import { Colour, Vec3 } from '../frame-values.js';
import { kelvinToHex } from './colour-temperature.js';
import { skyLighting } from './sky.js';

const Intensity = boundedNumberDist(0, Infinity).describe('light intensity (three.js physical units), >= 0');
const Kelvin = boundedNumberDist(1000, 40000, ' K')
  .describe('colour temperature in kelvin (candle 1900, tungsten 2700, noon sun 5500, overcast 7000); replaces colour');
const Count = boundedNumberDist(0, 16)
  .describe('how many copies of this light, each sampled on its own (rounded down; copies beyond it are off)');

const Shadow = z
  .strictObject({
    softness: boundedNumberDist(0, 16).default(1).describe('blur radius of shadow edges in shadow-map texels (0 = hard)'),
    mapSize: z.union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]).default(512)
      .describe('shadow map resolution (fixed per scene: changing it per image would recompile shaders)'),
  })
  .describe('this light casts shadows from the objects onto the surface');

/** `colour` or `temperature`; at most one of them. */
const tint = { colour: ColourDist.optional().describe('default white'), temperature: Kelvin.optional() };

const AmbientLight = z.strictObject({ type: z.literal('ambient'), intensity: Intensity.default(0.5), ...tint });
const HemisphereLight = z.strictObject({
  type: z.literal('hemisphere'),
  intensity: Intensity.default(0.5),
  sky: ColourDist.default('#ffffff'),
  ground: ColourDist.default('#444444'),
});
const DirectionalLight = z.strictObject({
  type: z.literal('directional'),
  intensity: Intensity.default(1),
  ...tint,
  elevation: boundedNumberDist(-90, 90, '°').default(45).describe('degrees above the surface'),
  azimuth: NumberDist.default(0).describe('degrees around the surface normal; 0 is from the viewer side (-y)'),
  shadow: Shadow.optional(),
});
const PointLight = z.strictObject({
  type: z.literal('point'),
  count: Count.optional(),
  intensity: Intensity.default(10),
  ...tint,
  position: Vec3Dist.prefault({ z: 3 }),
  /** Three.js point lights fall off with distance; 0 means infinite range. */
  range: boundedNumberDist(0, Infinity).default(0),
  shadow: Shadow.optional(),
});
const SpotLight = z.strictObject({
  type: z.literal('spot'),
  count: Count.optional(),
  intensity: Intensity.default(20),
  ...tint,
  position: Vec3Dist.prefault({ z: 3 }),
  target: Vec3Dist.prefault({}).describe('the point the spot is aimed at'),
  angle: boundedNumberDist(1, 89, '°').default(30).describe('half-angle of the cone in degrees'),
  penumbra: boundedNumberDist(0, 1).default(0.3).describe('fraction of the cone that fades out (0 = hard edge)'),
  range: boundedNumberDist(0, Infinity).default(0),
  shadow: Shadow.optional(),
});
const SkyLight = z.strictObject({
  type: z.literal('sky'),
  time: boundedNumberDist(0, 24, ' h').default(12).describe('time of day in hours; the sun rises at 6 and sets at 18'),
  overcast: boundedNumberDist(0, 1).default(0).describe('cloud cover: 0 clear (hard sun, blue sky) to 1 overcast (no sun, grey sky)'),
  azimuth: NumberDist.default(90).describe('degrees around the surface normal where the sun rises'),
  noonElevation: boundedNumberDist(1, 90, '°').default(60).describe('the sun\'s elevation at noon'),
  intensity: Intensity.default(1).describe('overall scale of sun and sky light'),
  shadow: Shadow.optional().describe('the sun casts shadows'),
});

export const LightSpec = z
  .discriminatedUnion('type', [AmbientLight, HemisphereLight, DirectionalLight, PointLight, SpotLight, SkyLight], {
    error: 'expected a light with type "ambient", "hemisphere", "directional", "point", "spot" or "sky"',
  })
  .superRefine((light, ctx) => {
    if ('temperature' in light && light.temperature !== undefined && light.colour !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['temperature'], input: light.temperature, message: 'expected colour or temperature, not both' });
    }
  });
export type LightSpec = z.output<typeof LightSpec>;

const FrameShadow = z.strictObject({ softness: z.number(), mapSize: z.int() }).nullable();
const tintFrame = { colour: Colour, temperature: z.number().optional() };

export const FrameLight = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ambient'), intensity: z.number(), ...tintFrame }),
  z.strictObject({ type: z.literal('hemisphere'), intensity: z.number(), sky: Colour, ground: Colour }),
  z.strictObject({ type: z.literal('directional'), intensity: z.number(), ...tintFrame, elevation: z.number(), azimuth: z.number(), shadow: FrameShadow.optional() }),
  z.strictObject({ type: z.literal('point'), intensity: z.number(), ...tintFrame, position: Vec3, range: z.number(), shadow: FrameShadow.optional() }),
  z.strictObject({
    type: z.literal('spot'), intensity: z.number(), ...tintFrame, position: Vec3, target: Vec3,
    angle: z.number(), penumbra: z.number(), range: z.number(), shadow: FrameShadow,
  }),
  z.strictObject({
    type: z.literal('sky'), time: z.number(), overcast: z.number(), azimuth: z.number(), noonElevation: z.number(), intensity: z.number(),
    sun: z.strictObject({ elevation: z.number(), azimuth: z.number(), intensity: z.number(), colour: Colour }),
    sky: z.strictObject({ intensity: z.number(), colour: Colour, ground: Colour }),
    horizon: Colour, zenith: Colour, shadow: FrameShadow,
  }),
]);
export type FrameLight = z.output<typeof FrameLight>;

/** The lights of one frame: one entry per light, or `count`'s maximum entries for lights with a count. */
export function sampleLights(lights: LightSpec[], rng: Rng): FrameLight[] {
  return lights.flatMap((light, i) => {
    const r = rng.fork(i);
    if (!('count' in light) || light.count === undefined) return [sampleLight(light, r)];
    // Always as many entries as the count can reach, the extra ones dark: the number of lights of
    // each type is part of three.js's shader key, and recompiling shaders per image is slow.
    const on = Math.floor(sampleNumber(light.count, r.fork('count')));
    const most = Math.floor(numberDistRange(light.count)[1]);
    return Array.from({ length: most }, (_, j) => {
      const copy = sampleLight(light, r.fork('copy').fork(j));
      return j < on ? copy : { ...copy, intensity: 0 };
    });
  });
}

function sampleLight(light: LightSpec, rng: Rng): FrameLight {
  const shadow = (spec: z.output<typeof Shadow> | undefined) =>
    spec ? { softness: sampleNumber(spec.softness, rng.fork('shadow').fork('softness')), mapSize: spec.mapSize } : null;
  if (light.type === 'sky') {
    const input = {
      time: sampleNumber(light.time, rng.fork('time')),
      overcast: sampleNumber(light.overcast, rng.fork('overcast')),
      azimuth: sampleNumber(light.azimuth, rng.fork('azimuth')),
      noonElevation: sampleNumber(light.noonElevation, rng.fork('noonElevation')),
      intensity: sampleNumber(light.intensity, rng.fork('intensity')),
    };
    return { type: 'sky', ...input, ...skyLighting(input), shadow: shadow(light.shadow) };
  }
  const intensity = sampleNumber(light.intensity, rng.fork('intensity'));
  if (light.type === 'hemisphere') {
    return { type: 'hemisphere', intensity, sky: sampleColour(light.sky, rng.fork('sky')), ground: sampleColour(light.ground, rng.fork('ground')) };
  }
  const tint = light.temperature !== undefined
    ? (() => {
        const temperature = sampleNumber(light.temperature, rng.fork('temperature'));
        return { colour: kelvinToHex(temperature), temperature };
      })()
    : { colour: sampleColour(light.colour ?? '#ffffff', rng.fork('colour')) };
  switch (light.type) {
    case 'ambient':
      return { type: 'ambient', intensity, ...tint };
    case 'directional':
      return {
        type: 'directional', intensity, ...tint,
        elevation: sampleNumber(light.elevation, rng.fork('elevation')), azimuth: sampleNumber(light.azimuth, rng.fork('azimuth')),
        ...(light.shadow ? { shadow: shadow(light.shadow) } : {}),
      };
    case 'point':
      return {
        type: 'point', intensity, ...tint,
        position: sampleVec3(light.position, rng.fork('position')), range: sampleNumber(light.range, rng.fork('range')),
        ...(light.shadow ? { shadow: shadow(light.shadow) } : {}),
      };
    case 'spot':
      return {
        type: 'spot', intensity, ...tint,
        position: sampleVec3(light.position, rng.fork('position')), target: sampleVec3(light.target, rng.fork('target')),
        angle: sampleNumber(light.angle, rng.fork('angle')), penumbra: sampleNumber(light.penumbra, rng.fork('penumbra')),
        range: sampleNumber(light.range, rng.fork('range')), shadow: shadow(light.shadow),
      };
  }
}
