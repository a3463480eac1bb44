import { type Vec2, bounds2, clamp, distanceToPolyline, insidePolygon } from './geometry-2d.js';
import type { MeshBuilder } from './mesh-builder.js';

/** Height added to a panel's top at (x, y): grooves, ridges, buttons. */
export type Relief = (x: number, y: number) => number;

/**
 * A flat piece of cloth or leather: a 2D outline (with optional holes) inflated into a cushion whose
 * top rises from the outline with a rounded edge to `thickness`. Only the top is built; the panel is
 * seen from above and its edge comes down to `base`.
 */
export interface Panel {
  outline: readonly Vec2[];
  holes?: readonly (readonly Vec2[])[];
  thickness: number;
  /** Distance inwards from the edge over which the top rounds up to full thickness. */
  rim: number;
  /** z of the edge. */
  base?: number;
  /** Spacing of the triangulation grid. */
  cell: number;
  relief?: Relief;
  /** Multiplies the thickness at (x, y) (a shoe is deeper at the heel than at the toe). */
  thicknessScale?: Relief;
}

/**
 * Triangulates the panel on a square grid clipped to the outline (marching squares on the signed
 * distance), so the top can bend smoothly everywhere while the edge follows the outline.
 */
export function addPanel(mesh: MeshBuilder, panel: Panel): void {
  const { outline, cell: h, rim, thickness } = panel;
  const holes = panel.holes ?? [];
  const base = panel.base ?? 0;
  const box = bounds2(outline);
  const x0 = box.minX - h, y0 = box.minY - h;
  const nx = Math.ceil((box.maxX - box.minX) / h) + 2, ny = Math.ceil((box.maxY - box.minY) / h) + 2;
  const loops = [outline, ...holes];
  const sdf = (p: Vec2): number => {
    let d = Infinity;
    for (const loop of loops) d = Math.min(d, distanceToPolyline(p, loop, true));
    const inside = insidePolygon(p, outline) && !holes.some((hole) => insidePolygon(p, hole));
    return inside ? -d : d;
  };
  const height = (x: number, y: number, s: number): number => {
    if (s >= 0) return base;
    const t = clamp(-s / rim, 0, 1);
    const full = thickness * (panel.thicknessScale?.(x, y) ?? 1);
    const top = Math.max(0.15 * full, full + (panel.relief?.(x, y) ?? 0));
    return base + top * Math.sqrt(1 - (1 - t) * (1 - t));
  };

  const corner = (i: number, j: number): Vec2 => [x0 + i * h, y0 + j * h];
  const values = signedDistances(loops, x0, y0, h, nx, ny, rim + 2 * h);

  // Vertices are keyed so neighbouring cells share them: corners, then crossings on x- and y-edges.
  const ids = new Map<number, number>();
  const cornerKey = (i: number, j: number) => j * (nx + 1) + i;
  const xEdgeKey = (i: number, j: number) => (nx + 1) * (ny + 1) + j * nx + i;
  const yEdgeKey = (i: number, j: number) => (nx + 1) * (ny + 1) + (ny + 1) * nx + j * (nx + 1) + i;
  interface Point { key: number; x: number; y: number; s: number }
  const cornerPoint = (i: number, j: number): Point => {
    const [x, y] = corner(i, j);
    return { key: cornerKey(i, j), x, y, s: values[cornerKey(i, j)]! };
  };
  const crossing = (key: number, a: Point, b: Point): Point => {
    const t = clamp(a.s / (a.s - b.s), 1e-3, 1 - 1e-3);
    return { key, x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, s: 0 };
  };
  const id = (p: Point): number => {
    let v = ids.get(p.key);
    if (v === undefined) {
      v = mesh.vertex(p.x, p.y, height(p.x, p.y, p.s));
      ids.set(p.key, v);
    }
    return v;
  };
  const emit = (a: Point, b: Point, c: Point) => {
    const area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (area > 1e-12 * h * h) mesh.triangle(id(a), id(b), id(c));
  };

  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k0 = cornerKey(i, j);
      if (values[k0]! >= 0 && values[k0 + 1]! >= 0 && values[k0 + nx + 1]! >= 0 && values[k0 + nx + 2]! >= 0) continue;
      const c = [cornerPoint(i, j), cornerPoint(i + 1, j), cornerPoint(i + 1, j + 1), cornerPoint(i, j + 1)];
      const inside = c.map((p) => p.s < 0);
      const count = inside.filter(Boolean).length;
      if (count === 0) continue;
      const edgeKeys = [xEdgeKey(i, j), yEdgeKey(i + 1, j), xEdgeKey(i, j + 1), yEdgeKey(i, j)];
      const edge = (m: number) => crossing(edgeKeys[m]!, c[m]!, c[(m + 1) % 4]!);
      const saddle = count === 2 && inside[0] === inside[2];
      if (saddle && sdf([x0 + (i + 0.5) * h, y0 + (j + 0.5) * h]) >= 0) {
        // Two opposite corners inside but the centre outside: two separate corner pieces.
        for (let m = 0; m < 4; m++) if (inside[m]) emit(edge((m + 3) % 4), c[m]!, edge(m));
        continue;
      }
      const piece: Point[] = [];
      for (let m = 0; m < 4; m++) {
        if (inside[m]) piece.push(c[m]!);
        if (inside[m] !== inside[(m + 1) % 4]) piece.push(edge(m));
      }
      for (let k = 1; k + 1 < piece.length; k++) emit(piece[0]!, piece[k]!, piece[k + 1]!);
    }
  }
}

/**
 * The signed distance to the loops (negative inside, by even-odd) at each grid vertex, exact within
 * `band` of an edge and clamped to ±band beyond, where only the sign matters.
 */
function signedDistances(loops: readonly (readonly Vec2[])[], x0: number, y0: number, h: number, nx: number, ny: number, band: number): Float64Array {
  const stride = nx + 1;
  const dist = new Float64Array(stride * (ny + 1)).fill(band);
  for (const loop of loops) {
    for (let e = 0; e < loop.length; e++) {
      const [ax, ay] = loop[e]!, [bx, by] = loop[(e + 1) % loop.length]!;
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - band - x0) / h)), i1 = Math.min(nx, Math.ceil((Math.max(ax, bx) + band - x0) / h));
      const j0 = Math.max(0, Math.floor((Math.min(ay, by) - band - y0) / h)), j1 = Math.min(ny, Math.ceil((Math.max(ay, by) + band - y0) / h));
      for (let j = j0; j <= j1; j++) {
        const py = y0 + j * h;
        for (let i = i0; i <= i1; i++) {
          const px = x0 + i * h;
          const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
          const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
          if (d < dist[j * stride + i]!) dist[j * stride + i] = d;
        }
      }
    }
  }
  for (let j = 0; j <= ny; j++) {
    const py = y0 + j * h;
    const xs: number[] = [];
    for (const loop of loops) {
      for (let e = 0; e < loop.length; e++) {
        const [ax, ay] = loop[e]!, [bx, by] = loop[(e + 1) % loop.length]!;
        if (ay > py !== by > py) xs.push(ax + ((py - ay) * (bx - ax)) / (by - ay));
      }
    }
    xs.sort((a, b) => a - b);
    let k = 0;
    for (let i = 0; i <= nx; i++) {
      const px = x0 + i * h;
      while (k < xs.length && xs[k]! <= px) k++;
      if (k % 2 === 1) dist[j * stride + i] = -dist[j * stride + i]!;
    }
  }
  return dist;
}
