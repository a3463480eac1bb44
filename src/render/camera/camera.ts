import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { NumberDist, Vec3Dist, boundedNumberDist, sampleNumber, sampleVec3 } from '../distributions.js';
import { Vec3 } from '../frame-values.js';

/** A perspective camera orbiting a look-at point above the surface. */
export const CameraSpec = z.strictObject({
  fov: boundedNumberDist(1, 170, '°').default(35).describe('vertical field of view in degrees'),
  distance: boundedNumberDist(1e-3, Infinity).default(3).describe('distance from the look-at point'),
  elevation: boundedNumberDist(1, 90, '°').default(90).describe('degrees above the surface; 90 looks straight down'),
  azimuth: NumberDist.default(0).describe('degrees around the surface normal; 0 is the reader side (-y)'),
  roll: NumberDist.default(0).describe('rotation about the viewing axis in degrees'),
  lookAt: Vec3Dist.prefault({}).describe('the point looked at (jitter it with distributions)'),
});
export type CameraSpec = z.output<typeof CameraSpec>;

export const FrameCamera = z.strictObject({
  fov: z.number(),
  distance: z.number(),
  elevation: z.number(),
  azimuth: z.number(),
  roll: z.number(),
  lookAt: Vec3,
});
export type FrameCamera = z.output<typeof FrameCamera>;

export function sampleCamera(camera: CameraSpec, rng: Rng): FrameCamera {
  const num = (dist: NumberDist, label: string) => sampleNumber(dist, rng.fork(label));
  return {
    fov: num(camera.fov, 'fov'),
    distance: num(camera.distance, 'distance'),
    elevation: num(camera.elevation, 'elevation'),
    azimuth: num(camera.azimuth, 'azimuth'),
    roll: num(camera.roll, 'roll'),
    lookAt: sampleVec3(camera.lookAt, rng.fork('lookAt')),
  };
}
