import { type Vec2, bounds2, distanceToPolyline, insidePolygon } from './geometry-2d.js';
import type { Relief } from './panel.js';

/**
 * Surface detail for panels as height functions: seams and zips are grooves, ribs and collars
 * ridges, buttons bumps. Each is zero far from its line, so many can be summed cheaply.
 */

/** A groove of Gaussian cross-section along a polyline (negative `depth` gives a ridge). */
export function groove(line: readonly Vec2[], width: number, depth: number, closed = false): Relief {
  const box = bounds2(line);
  const reach = 3 * width;
  return (x, y) => {
    if (x < box.minX - reach || x > box.maxX + reach || y < box.minY - reach || y > box.maxY + reach) return 0;
    const d = distanceToPolyline([x, y], line, closed) / width;
    return d > 3 ? 0 : -depth * Math.exp(-d * d);
  };
}

/** A round bump (button, rivet). */
export function bump(centre: Vec2, radius: number, height: number): Relief {
  return (x, y) => {
    const d2 = ((x - centre[0]) ** 2 + (y - centre[1]) ** 2) / (radius * radius);
    return d2 > 1 ? 0 : height * Math.sqrt(1 - d2);
  };
}

/** Lowers the inside of a polygon by `depth`, with a soft step `soft` wide at its edge (an opening). */
export function dent(polygon: readonly Vec2[], depth: number, soft: number): Relief {
  const box = bounds2(polygon);
  return (x, y) => {
    if (x < box.minX - soft || x > box.maxX + soft || y < box.minY - soft || y > box.maxY + soft) return 0;
    const p: Vec2 = [x, y];
    const d = distanceToPolyline(p, polygon, true);
    const s = insidePolygon(p, polygon) ? 0.5 + Math.min(1, d / soft) / 2 : 0.5 - Math.min(1, d / soft) / 2;
    return -depth * s * s * (3 - 2 * s);
  };
}

export function sumRelief(parts: readonly Relief[]): Relief {
  return (x, y) => {
    let z = 0;
    for (const part of parts) z += part(x, y);
    return z;
  };
}
