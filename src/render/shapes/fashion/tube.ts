import type { MeshBuilder } from './mesh-builder.js';

/** One cross-section of a tube: its centre in the xy plane and its half sizes across and in z. */
export interface TubeStation {
  x: number;
  y: number;
  /** Half width in the xy plane, across the spine. */
  halfWidth: number;
  /** Half height in z; the tube's underside rests on `base`. */
  halfDepth: number;
  base?: number;
}

export interface TubeOptions {
  /** Vertices around each cross-section. */
  segments?: number;
  /** Superellipse exponent of the cross-section: 2 is an ellipse, larger is boxier. */
  roundness?: number;
  /**
   * A fixed unit direction across the spine in the xy plane, to the left of the spine's direction (profile
   * lofts); default: perpendicular to the spine.
   */
  across?: readonly [number, number];
}

/**
 * A closed tube swept along a spine in the xy plane (straps, handles, soles, heels), with flat caps.
 * Cross-sections lie across the spine and extend along z, so the tube lies on the surface.
 */
export function addTube(mesh: MeshBuilder, stations: readonly TubeStation[], options: TubeOptions = {}): void {
  const n = stations.length;
  if (n < 2) return;
  const segments = options.segments ?? 12;
  const e = 2 / (options.roundness ?? 2);
  const around = Array.from({ length: segments }, (_, k) => {
    const a = (2 * Math.PI * k) / segments, c = Math.cos(a), s = Math.sin(a);
    return [Math.sign(c) * Math.abs(c) ** e, Math.sign(s) * Math.abs(s) ** e] as const;
  });
  const rings: number[][] = [];
  const centres: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const st = stations[i]!;
    let ax: number, ay: number;
    if (options.across) {
      [ax, ay] = options.across;
    } else {
      const prev = stations[Math.max(0, i - 1)]!, next = stations[Math.min(n - 1, i + 1)]!;
      const tx = next.x - prev.x, ty = next.y - prev.y, len = Math.hypot(tx, ty) || 1;
      [ax, ay] = [-ty / len, tx / len];
    }
    const zc = (st.base ?? 0) + st.halfDepth;
    centres.push([st.x, st.y, zc]);
    rings.push(around.map(([u, v]) => mesh.vertex(st.x + ax * st.halfWidth * u, st.y + ay * st.halfWidth * u, zc + st.halfDepth * v)));
  }
  // With `across` to the left of the spine and k turning from across towards +z, (i,k)-(i,k+1)-(i+1,k) faces outwards.
  for (let i = 0; i + 1 < n; i++) {
    for (let k = 0; k < segments; k++) {
      const k1 = (k + 1) % segments;
      const a = rings[i]![k]!, b = rings[i]![k1]!, c = rings[i + 1]![k]!, d = rings[i + 1]![k1]!;
      mesh.triangle(a, b, c);
      mesh.triangle(c, b, d);
    }
  }
  cap(mesh, centres[0]!, stations[0]!, stations[1]!, around, true, options.across);
  cap(mesh, centres[n - 1]!, stations[n - 1]!, stations[n - 2]!, around, false, options.across);
}

/** A flat cap with its own vertices, so its normal does not bend the tube's side. */
function cap(
  mesh: MeshBuilder, centre: [number, number, number], st: TubeStation, neighbour: TubeStation,
  around: readonly (readonly [number, number])[], start: boolean, across: TubeOptions['across'],
): void {
  let ax: number, ay: number;
  if (across) {
    [ax, ay] = across;
  } else {
    const tx = start ? neighbour.x - st.x : st.x - neighbour.x, ty = start ? neighbour.y - st.y : st.y - neighbour.y;
    const len = Math.hypot(tx, ty) || 1;
    [ax, ay] = [-ty / len, tx / len];
  }
  const c = mesh.vertex(...centre);
  const ids = around.map(([u, v]) => mesh.vertex(centre[0] + ax * st.halfWidth * u, centre[1] + ay * st.halfWidth * u, centre[2] + st.halfDepth * v));
  for (let k = 0; k < ids.length; k++) {
    const a = ids[k]!, b = ids[(k + 1) % ids.length]!;
    if (start) mesh.triangle(c, b, a);
    else mesh.triangle(c, a, b);
  }
}
