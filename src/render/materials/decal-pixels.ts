/**
 * Pixels of a decal (decal.ts) as RGBA bytes with rows bottom-up, covering the object's whole
 * texture square: a pure function of the frame values, shared by the page and by tests.
 */
import { type Rng, createRng } from '../../rng.js';
import type { DecalMark, FrameDecal } from './decal.js';
import { mix } from './pattern-pixels.js';

/** Side of the decal texture in texels (it spans the whole object, not one period). */
export const DECAL_SIZE = 128;

/** Samples per texel side: edges come out anti-aliased before mipmapping. */
const SUPERSAMPLE = 2;

type Inside = (u: number, v: number) => boolean;

export function decalPixels(d: FrameDecal, out: Uint8Array, size = DECAL_SIZE): void {
  const inside = markShape(d);
  const values = new Float32Array(size * size);
  const n = SUPERSAMPLE, step = 1 / (size * n);
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) if (inside((x * n + sx + 0.5) * step, (y * n + sy + 0.5) * step)) hits++;
      }
      values[i] = (d.contrast * hits) / (n * n);
    }
  }
  mix(values, d.colours, 1, out);
}

/** The mark as a point test in texture coordinates; its details (outline, letters) come from the seed. */
function markShape(d: FrameDecal): Inside {
  const rng = createRng(d.seed);
  const w = d.size, cx = d.x, cy = d.y;
  /** Marks drawn from y down to the bottom edge (a placket, a zip, seams, quilting). */
  const fromYDown = (v: number) => v >= 0 && v <= cy;
  const shapes: Record<DecalMark, () => Inside> = {
    logo: () => blob(rng, cx, cy, w, 0),
    ring: () => blob(rng, cx, cy, w, rng.float(0.55, 0.75)),
    text: () => {
      const rows = rng.int(1, 3), h = w * rng.float(0.12, 0.2), gap = 0.5 * h;
      const top = cy + (rows * h + (rows - 1) * gap) / 2;
      const boxes: [number, number, number, number][] = [];
      for (let r = 0; r < rows; r++) {
        const width = r === 0 ? w : w * rng.float(0.4, 1);
        const y1 = top - r * (h + gap), y0 = y1 - h;
        for (let u = cx - width / 2; u < cx + width / 2;) {
          const letter = h * rng.float(0.45, 0.9);
          if (rng.bool(0.85)) boxes.push([u, y0, Math.min(u + letter, cx + width / 2), y1]);
          u += letter + 0.3 * h;
        }
      }
      return (u, v) => boxes.some(([u0, v0, u1, v1]) => u >= u0 && u < u1 && v >= v0 && v < v1);
    },
    band: () => {
      const stripes = rng.int(1, 3), height = w * rng.float(0.3, 0.6);
      const slice = height / (2 * stripes - 1), bottom = cy - height / 2;
      return (_u, v) => {
        const k = Math.floor((v - bottom) / slice);
        return k >= 0 && k < 2 * stripes - 1 && k % 2 === 0;
      };
    },
    pocket: () => {
      const side = 0.6 * w, px = cx + (rng.bool() ? 1 : -1) * rng.float(0.08, 0.14), line = 0.15 * side;
      const filled = rng.bool(0.3);
      return (u, v) => {
        const du = Math.abs(u - px), dv = Math.abs(v - cy);
        return du <= side / 2 && dv <= side / 2 && (filled || du >= side / 2 - line || dv >= side / 2 - line);
      };
    },
    placket: () => {
      // A shirt's button stand: a line from y down to the hem, with buttons a little wider than it.
      const half = w / 2, buttons = rng.int(4, 7), spacing = cy / (buttons + 0.5), button = rng.float(1.4, 2) * half;
      return (u, v) => {
        if (!fromYDown(v)) return false;
        const du = Math.abs(u - cx);
        if (du <= half) return true;
        const k = Math.round((cy - v) / spacing - 0.5);
        return du <= button && k >= 0 && k < buttons && Math.abs(cy - (k + 0.5) * spacing - v) <= button;
      };
    },
    zip: () => {
      // A zip or a seam down the centre: a line from y to the bottom, the pull a small block at its top.
      const half = w / 2, pullHalf = rng.float(1.5, 2.2) * half, pullHeight = rng.float(3, 5) * half;
      return (u, v) => {
        if (!fromYDown(v)) return false;
        const du = Math.abs(u - cx);
        return du <= half || (du <= pullHalf && v >= cy - pullHeight);
      };
    },
    seams: () => {
      // Two lines down, either side of the centre: a top's side seams, a trouser's creases.
      const half = w / 2, apart = rng.float(0.1, 0.18);
      return (u, v) => fromYDown(v) && Math.abs(Math.abs(u - cx) - apart) <= half;
    },
    hem: () => {
      // A stitched line across (a hem, a waist seam, a sole's edge); sometimes a second one below it.
      const half = w / 2, second = rng.bool(0.5) ? cy - rng.float(2.5, 3.5) * w : Number.NaN;
      return (_u, v) => Math.abs(v - cy) <= half || Math.abs(v - second) <= half;
    },
    pockets: () => {
      // A pair of patch pockets mirrored about x, outlined; some with a flap across the top.
      const half = w / 2, apart = rng.float(0.1, 0.16), line = rng.float(0.2, 0.3) * w, flap = rng.bool(0.5) ? 0.3 * w : 0;
      return (u, v) => {
        const du = Math.abs(Math.abs(u - cx) - apart), dv = v - cy;
        if (du > half || Math.abs(dv) > half) return false;
        return du >= half - line || Math.abs(dv) >= half - line || dv >= half - flap;
      };
    },
    quilting: () => {
      // A quilted jacket's channels: lines across everything below y, `size` apart.
      const thick = rng.float(0.25, 0.4) * w;
      return (_u, v) => {
        if (!fromYDown(v)) return false;
        const f = (cy - v) / w;
        return f - Math.floor(f) < thick / w;
      };
    },
    yoke: () => {
      const curve = rng.float(-0.08, 0.08);
      return (u, v) => v > cy + curve * ((u - cx) / 0.5) ** 2;
    },
  };
  return shapes[d.mark]();
}

/** A star-shaped blob `width` across (`hole` > 0: only its rim, the inner edge at that fraction of the radius). */
function blob(rng: Rng, cx: number, cy: number, width: number, hole: number): Inside {
  const harmonics = [2, 3, 5].map((k) => ({ k, amplitude: rng.float(0, 0.25 / Math.sqrt(k)), phase: rng.float(0, 2 * Math.PI) }));
  const rx = width / 2, ry = rx * rng.float(0.6, 1.1);
  return (u, v) => {
    const x = (u - cx) / rx, y = (v - cy) / ry;
    const r = Math.hypot(x, y), theta = Math.atan2(y, x);
    const edge = 1 + harmonics.reduce((s, h) => s + h.amplitude * Math.cos(h.k * theta + h.phase), 0);
    return r <= edge && r >= hole * edge;
  };
}
