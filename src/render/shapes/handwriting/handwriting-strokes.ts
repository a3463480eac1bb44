import type { ControlPoint } from './digit-templates.js';
import { type HandwritingParams, templateNamed } from './sample-handwriting.js';

/** A pen stroke as drawn: a polyline (flat [x0, y0, x1, y1, …], y up) and the pen width at each point. */
export interface Stroke {
  points: number[];
  widths: number[];
}

/** Narrowest width along a stroke, as a fraction of the pen width (pressure and taper stop here). */
const MIN_WIDTH = 0.25;

/**
 * The strokes of a sampled digit: control points jittered, splined, warped, slanted and rotated,
 * with the pen width varying along each stroke. Normalised so that the centre lines' bounding box
 * is 1 high and centred on the origin (widths scaled alike). Pure and deterministic.
 */
export function handwritingStrokes(params: HandwritingParams, samplesPerSegment = 8): Stroke[] {
  const template = templateNamed(params.template);
  const shear = Math.tan((params.slant * Math.PI) / 180);
  const [cos, sin] = [Math.cos((params.rotation * Math.PI) / 180), Math.sin((params.rotation * Math.PI) / 180)];

  const strokes = template.strokes.map((stroke, s): Stroke => {
    const offsets = params.offsets[s] ?? [];
    const control = stroke.points.map((p, i): ControlPoint => {
      const [dx, dy] = offsets[i] ?? [0, 0];
      const q = [p[0] * params.aspect + dx, p[1] + dy] as const;
      return p[2] === 1 ? [q[0], q[1], 1] : q;
    });
    const line = stroke.closed ? closedSpline(control, samplesPerSegment) : openSpline(control, samplesPerSegment);
    const points: number[] = [];
    for (let i = 0; i < line.length; i += 2) {
      let [x, y] = [line[i]!, line[i + 1]!];
      for (const w of params.warpTerms) {
        const v = params.warp * Math.sin(w.fx * x + w.fy * y + w.phase);
        x += w.ax * v;
        y += w.ay * v;
      }
      x += shear * y;
      points.push(cos * x - sin * y, sin * x + cos * y);
    }
    const wave = params.pressureWaves[s] ?? { cycles: 0, phase: 0 };
    const along = arcFractions(points);
    const widths = along.map((u) => {
      const pressure = 1 + params.pressure * Math.sin(2 * Math.PI * wave.cycles * u + wave.phase);
      const end = stroke.closed ? 1 : Math.min(1, Math.min(u, 1 - u) / 0.15);
      const taper = 1 - params.taper * (1 - end * end * (3 - 2 * end));
      return params.width * Math.max(MIN_WIDTH, pressure * taper);
    });
    return { points, widths };
  });
  return normalise(strokes);
}

/** Splits at corners and splines each smooth piece; the pieces share their corner points. */
function openSpline(control: readonly ControlPoint[], n: number): number[] {
  const out: number[] = [];
  let piece: ControlPoint[] = [control[0]!];
  const flush = () => {
    const line = catmullRom(piece, n, false);
    out.push(...(out.length > 0 ? line.slice(2) : line));
  };
  for (let i = 1; i < control.length; i++) {
    piece.push(control[i]!);
    if (control[i]![2] === 1 && i < control.length - 1) {
      flush();
      piece = [control[i]!];
    }
  }
  flush();
  return out;
}

function closedSpline(control: readonly ControlPoint[], n: number): number[] {
  return catmullRom(control, n, true);
}

/**
 * Centripetal Catmull–Rom through the points (no cusps or self-loops within a segment); open ends
 * use a mirrored phantom point, closed curves wrap around and repeat the first point at the end.
 */
function catmullRom(pts: readonly ControlPoint[], n: number, closed: boolean): number[] {
  const m = pts.length;
  if (m === 1) return [pts[0]![0], pts[0]![1]];
  const at = (i: number): [number, number] => {
    if (closed) { const p = pts[((i % m) + m) % m]!; return [p[0], p[1]]; }
    if (i < 0) return [2 * pts[0]![0] - pts[1]![0], 2 * pts[0]![1] - pts[1]![1]];
    if (i >= m) return [2 * pts[m - 1]![0] - pts[m - 2]![0], 2 * pts[m - 1]![1] - pts[m - 2]![1]];
    return [pts[i]![0], pts[i]![1]];
  };
  const segments = closed ? m : m - 1;
  const out: number[] = [at(0)[0], at(0)[1]];
  for (let s = 0; s < segments; s++) {
    const [p0, p1, p2, p3] = [at(s - 1), at(s), at(s + 1), at(s + 2)];
    const knot = (a: [number, number], b: [number, number]) => Math.max(1e-6, Math.sqrt(Math.hypot(b[0] - a[0], b[1] - a[1])));
    const t1 = knot(p0, p1), t2 = t1 + knot(p1, p2), t3 = t2 + knot(p2, p3);
    for (let k = 1; k <= n; k++) {
      const t = t1 + ((t2 - t1) * k) / n;
      const lerp = (a: [number, number], b: [number, number], ta: number, tb: number): [number, number] => {
        const w = (t - ta) / (tb - ta);
        return [a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w];
      };
      const a1 = lerp(p0, p1, 0, t1), a2 = lerp(p1, p2, t1, t2), a3 = lerp(p2, p3, t2, t3);
      const b1 = lerp(a1, a2, 0, t2), b2 = lerp(a2, a3, t1, t3);
      const c = lerp(b1, b2, t1, t2);
      out.push(c[0], c[1]);
    }
  }
  return out;
}

/** Cumulative arc length at each point as a fraction of the total (0 … 1). */
function arcFractions(points: number[]): number[] {
  const out = [0];
  for (let i = 2; i < points.length; i += 2) {
    out.push(out[out.length - 1]! + Math.hypot(points[i]! - points[i - 2]!, points[i + 1]! - points[i - 1]!));
  }
  const total = out[out.length - 1]!;
  return out.map((v) => (total > 0 ? v / total : 0));
}

function normalise(strokes: Stroke[]): Stroke[] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of strokes) {
    for (let i = 0; i < s.points.length; i += 2) {
      minX = Math.min(minX, s.points[i]!); maxX = Math.max(maxX, s.points[i]!);
      minY = Math.min(minY, s.points[i + 1]!); maxY = Math.max(maxY, s.points[i + 1]!);
    }
  }
  const scale = 1 / Math.max(maxY - minY, 1e-3);
  const [cx, cy] = [(minX + maxX) / 2, (minY + maxY) / 2];
  return strokes.map((s) => ({
    points: s.points.map((v, i) => (i % 2 === 0 ? (v - cx) * scale : (v - cy) * scale)),
    widths: s.widths.map((w) => w * scale),
  }));
}
