import { z } from 'zod';
import { type Vec2, lerp, resample, smoothThrough } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { addHeel, addSole, depthParam, footLine, toeParam } from './shoe-parts.js';
import { addTube } from './tube.js';

/**
 * Sandals (Fashion-MNIST class 5): a sole, often on a heel or wedge, held on by thin straps with gaps
 * between them; seen from the side. The straps go over an absent foot, so from the side each shows
 * as a thin line rising from the sole.
 */
export const SandalShape = z.strictObject({
  toe: toeParam,
  heel: choiceParam(['flat', 'block', 'stiletto', 'wedge'], { choice: ['flat', 'block', 'stiletto', 'wedge'], weights: [4, 2, 3, 2] }, 'kind of heel'),
  heelHeight: numberParam(0.05, 0.6, { min: 0.15, max: 0.45 }, 'height of the heel seat above the ground (not for flat sandals)'),
  soleThickness: numberParam(0.01, 0.12, { min: 0.035, max: 0.08 }, 'thickness of the sole'),
  platform: numberParam(0, 0.15, { choice: [0, 0, 0.03, 0.06] }, 'extra thickness under the front of the foot'),
  toeStraps: numberParam(1, 5, { choice: [1, 2, 3, 4], weights: [2, 3, 3, 2] }, 'straps across the front of the foot'),
  strapStyle: choiceParam(['straight', 'crossed'], { choice: ['straight', 'crossed'], weights: [3, 1] }, 'parallel straps, or straps crossing in an X'),
  strapWidth: numberParam(0.005, 0.1, { min: 0.04, max: 0.085 }, 'width of a strap'),
  strapSlant: numberParam(-0.2, 0.3, { min: 0, max: 0.12 }, 'how far each strap leans back from the sole to the top of the foot'),
  instep: numberParam(0.05, 0.4, { min: 0.13, max: 0.25 }, 'height of the top of the foot above the sole at the instep'),
  ankleStrap: numberParam(0, 1, { choice: [0, 1], weights: [1, 2] }, '1: a strap around the ankle, held by a strap up the back of the heel'),
  ankleHeight: numberParam(0.1, 0.6, { min: 0.18, max: 0.36 }, 'height of the ankle strap above the heel seat'),
  depth: depthParam,
});
export type SandalParams = Sampled<z.output<typeof SandalShape>>;

export function buildSandal(p: SandalParams) {
  const flat = p.heel === 'flat';
  const heelTop = flat ? 0 : p.heelHeight;
  const wedge = p.heel === 'wedge';
  const lift = (x: number) => p.platform * (1 - Math.max(0, Math.min(1, (x + 0.1) / 0.3))) + (flat ? 0.01 : 0);
  const base = footLine(heelTop, 0.005);
  const foot = (x: number) => Math.max(base(x), p.soleThickness + lift(x));
  const sole = (x: number) => p.soleThickness + lift(x);
  // Height of the absent foot above the sole, from the toes to the ankle.
  const footTop = (x: number) => p.instep * Math.min(1.5, 0.55 + 0.45 * Math.max(0, (x + 0.5) / 0.5));
  const mesh = new MeshBuilder();
  addSole(mesh, foot, sole, p.depth);
  if (p.heel === 'block' || p.heel === 'stiletto') addHeel(mesh, p.heel, foot(0.4) - sole(0.4) + 0.01, p.depth);
  if (wedge) addHeel(mesh, 'wedge', base(0.45), p.depth);
  const w = p.strapWidth, strapBase = 0.6 * p.depth;
  const strap = (points: readonly Vec2[]) => {
    const line = resample(smoothThrough(points, 4), 14);
    addTube(mesh, line.map(([x, y]) => ({ x, y, halfWidth: w / 2, halfDepth: Math.max(w, 0.02), base: strapBase })), { segments: 8 });
  };
  const n = Math.round(p.toeStraps);
  for (let i = 0; i < n; i++) {
    const x = lerp(-0.36, -0.02, n === 1 ? 0.3 : i / (n - 1));
    const x2 = x + p.strapSlant;
    strap([[x, foot(x) - 0.005], [lerp(x, x2, 0.5) - 0.01, foot(x) + 0.6 * footTop(x)], [x2, foot(x2) + footTop(x2)]]);
    if (p.strapStyle === 'crossed') {
      const x3 = x - p.strapSlant - 0.04;
      strap([[x2 + 0.02, foot(x2) - 0.005], [lerp(x2, x3, 0.5), foot(x3) + 0.6 * footTop(x3)], [x3, foot(x3) + footTop(x3) * 0.9]]);
    }
  }
  if (p.ankleStrap > 0.5) {
    const y = foot(0.45) + p.ankleHeight;
    strap([[0.16, y - 0.03], [0.33, y + 0.005], [0.5, y]]);
    strap([[0.47, foot(0.47) - 0.005], [0.485, lerp(foot(0.47), y, 0.5)], [0.49, y]]);
  } else {
    // A slingback strap from the back of the heel up over the instep.
    const y = foot(0.45) + 0.5 * p.ankleHeight;
    strap([[0.46, foot(0.46) - 0.005], [0.42, y], [0.2, foot(0.2) + footTop(0.2)]]);
  }
  return mesh.finish({ mirror: p.toe === 'right' });
}

export const sandal = defineProduct('sandal', SandalShape, buildSandal);
