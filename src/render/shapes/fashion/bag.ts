import { z } from 'zod';
import { type Vec2, chain, lerp, mirrorClosed, quadratic } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { bump, groove, sumRelief } from './relief.js';
import { addTube } from './tube.js';

/** Bags (Fashion-MNIST class 8): a body, seen from the front, with handles, a shoulder strap or neither. Lengths in body widths. */
export const BagShape = z.strictObject({
  height: numberParam(0.2, 1.6, { min: 0.45, max: 1 }, 'height of the body relative to its width'),
  topWidth: numberParam(0.4, 1.3, { min: 0.7, max: 1.05 }, 'width of the top of the body relative to the bottom'),
  corner: numberParam(0, 0.4, { min: 0.02, max: 0.15 }, 'radius of the bottom corners'),
  dome: numberParam(0, 0.5, { choice: [0, 0, 0, 0.1, 0.25] }, 'how far the top bulges up (satchels, bowling bags)'),
  handles: numberParam(0, 2, { choice: [0, 1, 2], weights: [2, 3, 2] }, 'handles over the top (2: front and back)'),
  handleHeight: numberParam(0.08, 0.8, { min: 0.2, max: 0.5 }, 'how far a handle rises above the top'),
  handleSpan: numberParam(0.1, 0.9, { min: 0.3, max: 0.65 }, 'distance between a handle\'s ends relative to the top width'),
  handleWidth: numberParam(0.005, 0.08, { min: 0.03, max: 0.06 }, 'thickness of a handle'),
  strap: numberParam(0, 1, { choice: [0, 1], weights: [3, 1] }, '1: a long shoulder strap'),
  strapHeight: numberParam(0.2, 1.5, { min: 0.4, max: 0.9 }, 'how far the shoulder strap rises above the top'),
  flap: numberParam(0, 1, { choice: [0, 1], weights: [2, 1] }, '1: a flap over the top with a clasp'),
  flapDepth: numberParam(0.05, 0.9, { min: 0.2, max: 0.5 }, 'how far the flap comes down, relative to the height'),
  zip: numberParam(0, 1, { choice: [0, 1] }, '1: a zip line along the top'),
  thickness: numberParam(0.02, 0.4, { min: 0.08, max: 0.2 }, 'how far the bag stands off the surface'),
});
export type BagParams = Sampled<z.output<typeof BagShape>>;

export function buildBag(p: BagParams) {
  const h = p.height, top = h / 2, bottom = -h / 2;
  const bw = 0.5, tw = 0.5 * p.topWidth, r = Math.min(p.corner, 0.45 * h, 0.45);
  const right = chain(
    [[0, bottom]], quadratic([bw - r, bottom], [bw, bottom], [bw + (tw - bw) * (r / h), bottom + r], 4),
    quadratic([tw, top - 0.02], [lerp(tw, 0, 0.3), top + p.dome * h], [0, top + p.dome * h], 8).slice(p.dome > 0 ? 0 : 1),
  );
  const outline = mirrorClosed(p.dome > 0 ? right : chain(right.slice(0, -1), [[tw, top], [0, top]]));
  const th = p.thickness;
  const relief: Relief[] = [];
  if (p.flap > 0.5) {
    const y = top - p.flapDepth * h;
    relief.push(groove(quadratic([-tw * 0.98, top - 0.05], [0, y - 0.1 * h], [tw * 0.98, top - 0.05], 10), 0.01, 0.3 * th));
    relief.push(bump([0, y - 0.02], 0.03, 0.2 * th));
  }
  if (p.zip > 0.5) relief.push(groove([[-tw * 0.85, top - 0.05], [tw * 0.85, top - 0.05]], 0.008, 0.25 * th));
  const mesh = new MeshBuilder();
  addPanel(mesh, { outline, thickness: th, rim: Math.min(0.12, 0.3 * h), cell: 0.028, relief: sumRelief(relief) });
  const handle = (span: number, rise: number, width: number, base: number) => {
    const y0 = top + p.dome * h * (1 - (span / tw) ** 2) - 0.03;
    const arch: Vec2[] = Array.from({ length: 21 }, (_, i) => {
      const a = Math.PI * (i / 20);
      return [-span * Math.cos(a), y0 + (rise + 0.03) * Math.sin(a) ** 0.8];
    });
    addTube(mesh, arch.map(([x, y]) => ({ x, y, halfWidth: width / 2, halfDepth: Math.max(width / 2, 0.01), base })), { segments: 8 });
  };
  const span = (p.handleSpan * tw);
  if (p.handles >= 1) handle(span, p.handleHeight, p.handleWidth, 0.5 * th);
  if (p.handles >= 2) handle(span * 1.08, p.handleHeight * 1.1, p.handleWidth, 0.1 * th);
  if (p.strap > 0.5) handle(tw * 0.92, p.strapHeight, 0.6 * p.handleWidth, 0.2 * th);
  return mesh.finish();
}

export const bag = defineProduct('bag', BagShape, buildBag);
