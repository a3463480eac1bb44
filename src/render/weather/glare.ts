import * as THREE from 'three';
import { z } from 'zod';
import type { Rng } from '../../rng.js';
import type { FrameCamera } from '../camera/camera.js';
import { placeCamera } from '../camera/place-camera.js';
import { NumberDist, boundedNumberDist, choiceDist, sampleChoice, sampleNumber } from '../distributions.js';
import { Colour } from '../frame-values.js';
import type { FrameLight } from '../lighting/lights.js';
import { direction } from '../page/directions.js';
import { Probability } from './occasional.js';

/** Sun glare / lens flare: a bloom around a light's place in the image and ghost spots mirrored through the centre. */
export const GlareSpec = z
  .strictObject({
    p: Probability,
    source: choiceDist(z.enum(['light', 'screen'])).default('light')
      .describe('"light": where the brightest directional, sky, spot or point light projects (no glare when it is behind the camera); "screen": at x, y'),
    x: NumberDist.default({ min: 0, max: 1 }).describe('with source "screen": across the image, 0 left to 1 right (outside 0-1 is off-image)'),
    y: NumberDist.default({ min: 0, max: 1 }).describe('with source "screen": down the image, 0 top to 1 bottom'),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as "#rrggbb"').optional()
      .describe('with source "screen" (default "#fff4e0"); with "light", the light\'s colour'),
    strength: boundedNumberDist(0, 10).default(1).describe('brightness of the bloom core (1 reaches white)'),
    size: boundedNumberDist(0.005, 2).default(0.15).describe('bloom radius as a fraction of the image height'),
    ghosts: boundedNumberDist(0, 1).default(0.4).describe('brightness of the ghost spots relative to the bloom'),
  })
  .describe('sun glare and lens flare');
export type GlareSpec = z.output<typeof GlareSpec>;

export const FrameGlare = z.strictObject({
  x: z.number(), y: z.number(), colour: Colour, strength: z.number(), size: z.number(), ghosts: z.number(),
});
export type FrameGlare = z.output<typeof FrameGlare>;

/** What glare needs to know about the frame: where the camera looks and what lights it. */
export interface FrameView {
  camera: FrameCamera;
  lights: FrameLight[];
  /** Image width over height. */
  aspect: number;
}

export function sampleGlare(spec: GlareSpec, rng: Rng, view: FrameView): FrameGlare | null {
  const looks = {
    strength: sampleNumber(spec.strength, rng.fork('strength')),
    size: sampleNumber(spec.size, rng.fork('size')),
    ghosts: sampleNumber(spec.ghosts, rng.fork('ghosts')),
  };
  if (sampleChoice(spec.source, rng.fork('source')) === 'screen') {
    const at = { x: sampleNumber(spec.x, rng.fork('x')), y: sampleNumber(spec.y, rng.fork('y')) };
    return { ...at, colour: (spec.colour ?? '#fff4e0').toLowerCase(), ...looks };
  }
  const light = brightestLight(view.lights);
  const at = light && screenPosition(light.at, view);
  return light && at ? { ...at, colour: light.colour, ...looks } : null;
}

/** A glare that may come from "light" needs a light that can be seen: directional, sky, spot or point. */
export function checkGlareSource(glare: GlareSpec | undefined, lights: { type: string }[], ctx: z.RefinementCtx): void {
  if (glare === undefined) return;
  const fromLight = typeof glare.source === 'string' ? glare.source === 'light' : glare.source.choice.includes('light');
  if (fromLight && !lights.some((l) => ['directional', 'sky', 'spot', 'point'].includes(l.type))) {
    ctx.addIssue({ code: 'custom', path: ['weather', 'glare', 'source'], input: glare.source,
      message: 'expected "screen", or a directional, sky, spot or point light in lights for "light" to project' });
  }
}

type Source = { at: { point: THREE.Vector3 } | { direction: THREE.Vector3 }; intensity: number; colour: string };

function brightestLight(lights: FrameLight[]): Source | undefined {
  let best: Source | undefined;
  for (const l of lights) {
    let source: Source | undefined;
    if (l.type === 'directional') source = { at: { direction: direction(l.elevation, l.azimuth) }, intensity: l.intensity, colour: l.colour };
    if (l.type === 'sky') source = { at: { direction: direction(l.sun.elevation, l.sun.azimuth) }, intensity: l.sun.intensity, colour: l.sun.colour };
    if (l.type === 'spot' || l.type === 'point') {
      source = { at: { point: new THREE.Vector3(l.position.x, l.position.y, l.position.z) }, intensity: l.intensity, colour: l.colour };
    }
    if (source && source.intensity > 0 && (!best || source.intensity > best.intensity)) best = source;
  }
  return best;
}

/** Where a point (or a direction, at infinity) lands in the image, in image fractions; undefined when behind the camera. */
function screenPosition(at: Source['at'], view: FrameView): { x: number; y: number } | undefined {
  const camera = new THREE.PerspectiveCamera(35, view.aspect, 0.01, 1000);
  placeCamera(camera, view.camera);
  const world = 'point' in at ? at.point.clone() : camera.position.clone().add(at.direction.clone().multiplyScalar(100));
  if (world.clone().applyMatrix4(camera.matrixWorldInverse).z >= 0) return undefined;
  const ndc = world.project(camera);
  return { x: (ndc.x + 1) / 2, y: (1 - ndc.y) / 2 };
}
