import { DEG } from './geometry-2d.js';
import { numberParam } from './product-params.js';

/** Parameters every garment shares: how thick the cloth lies and how it wrinkles. Lengths are in body lengths. */
export const clothParams = {
  thickness: numberParam(0.01, 0.12, { min: 0.03, max: 0.06 }, 'height of the lying garment above the surface, in body lengths'),
  wrinkle: numberParam(0, 0.05, { min: 0, max: 0.015 }, 'amplitude of the cloth\'s waves, in body lengths'),
  wrinkleWavelength: numberParam(0.05, 2, { min: 0.2, max: 0.6 }, 'distance between wave crests, in body lengths'),
  wrinkleAngle: numberParam(-360, 360, { min: 0, max: 180 }, 'direction of the waves in degrees (0: crests run up and down)'),
  wrinklePhase: numberParam(-360, 360, { min: 0, max: 360 }, 'where the crests fall, in degrees of a wave'),
};

export interface Cloth {
  wrinkle: number;
  wrinkleWavelength: number;
  wrinkleAngle: number;
  wrinklePhase: number;
}

/** The height change of lying cloth at (x, y): a gentle wave. */
export function clothWaves(c: Cloth): (x: number, y: number) => number {
  const ax = Math.cos(c.wrinkleAngle * DEG), ay = Math.sin(c.wrinkleAngle * DEG);
  const k = (2 * Math.PI) / c.wrinkleWavelength;
  return (x, y) => c.wrinkle * Math.sin(k * (x * ax + y * ay) + c.wrinklePhase * DEG);
}
