/** Page side: geometry and placement of each object kind. */
import * as THREE from 'three';
import type { GlyphOutline } from '../glyph-outlines.js';
import { DEG } from '../page/directions.js';
import type { FrameGlyph } from './glyph.js';
import type { FrameObject } from './objects.js';

export interface ObjectAssets {
  glyphs: Record<string, Record<string, GlyphOutline>>;
}

/** Builds geometries on first use and keeps them: the same font and text recur across frames. */
export class GeometryCache {
  private readonly geometries = new Map<string, THREE.BufferGeometry>();

  constructor(private readonly assets: ObjectAssets) {}

  geometry(o: FrameObject): THREE.BufferGeometry {
    const key = `${o.kind}\u0000${o.font}\u0000${o.text}`;
    let geometry = this.geometries.get(key);
    if (!geometry) {
      geometry = glyphGeometry(this.assets.glyphs[o.font]?.[o.text], o);
      this.geometries.set(key, geometry);
    }
    return geometry;
  }
}

function glyphGeometry(outline: GlyphOutline | undefined, o: FrameGlyph): THREE.BufferGeometry {
  if (!outline) throw new Error(`no outline for ${JSON.stringify(o.text)} in font ${o.font}`);
  const shapes = outline.shapes.map((shape) => {
    const result = new THREE.Shape(toPoints(shape.outer));
    result.holes = shape.holes.map((h) => new THREE.Path(toPoints(h)));
    return result;
  });
  return new THREE.ExtrudeGeometry(shapes, { depth: 1, bevelEnabled: false, curveSegments: 1 });
}

function toPoints(flat: number[]): THREE.Vector2[] {
  const points: THREE.Vector2[] = [];
  for (let i = 0; i < flat.length; i += 2) points.push(new THREE.Vector2(flat[i], flat[i + 1]));
  return points;
}

/** Object to world: the geometry is unit-sized, so size, stretch and depth are a scale. */
export function objectMatrix(o: FrameObject): THREE.Matrix4 {
  const scale = new THREE.Matrix4().makeScale(o.size * o.stretch, o.size, o.depth);
  const shear = new THREE.Matrix4().makeShear(0, 0, Math.tan(o.shear * DEG), 0, 0, 0);
  const rotation = new THREE.Matrix4().makeRotationFromEuler(new THREE.Euler(o.rotation.x * DEG, o.rotation.y * DEG, o.rotation.z * DEG));
  const translation = new THREE.Matrix4().makeTranslation(o.position.x, o.position.y, o.position.z);
  return translation.multiply(rotation).multiply(shear).multiply(scale);
}
