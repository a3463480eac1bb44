/** Page side: geometry and placement of each object kind. */
import * as THREE from 'three';
import type { GlyphOutline } from '../glyph-outlines.js';
import { DEG } from '../page/directions.js';
import type { FrameGlyph } from './glyph.js';
import type { FramePrimitive } from './primitive.js';
import type { FrameObject } from './objects.js';

export interface ObjectAssets {
  glyphs: Record<string, Record<string, GlyphOutline>>;
}

/** Builds geometries on first use and keeps them: the same font and text recur across frames. */
export class GeometryCache {
  private readonly geometries = new Map<string, THREE.BufferGeometry>();

  constructor(private readonly assets: ObjectAssets) {}

  geometry(o: FrameObject): THREE.BufferGeometry {
    const key = o.kind === 'glyph' ? `glyph\u0000${o.font}\u0000${o.text}` : `primitive\u0000${o.shape}`;
    let geometry = this.geometries.get(key);
    if (!geometry) {
      geometry = o.kind === 'glyph' ? glyphGeometry(this.assets.glyphs[o.font]?.[o.text], o) : primitiveGeometry(o.shape);
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

/**
 * A solid of unit extent along x and y (centred on the origin) and z (from 0 to 1), so that it
 * stands on the surface and its frame size is a plain scale.
 */
function primitiveGeometry(shape: FramePrimitive['shape']): THREE.BufferGeometry {
  const upright = (g: THREE.BufferGeometry) => g.rotateX(Math.PI / 2);
  const geometry = {
    box: () => new THREE.BoxGeometry(1, 1, 1),
    sphere: () => new THREE.SphereGeometry(0.5, 32, 16),
    cylinder: () => upright(new THREE.CylinderGeometry(0.5, 0.5, 1, 32)),
    cone: () => upright(new THREE.ConeGeometry(0.5, 1, 32)),
    torus: () => new THREE.TorusGeometry(0.35, 0.15, 16, 48),
    capsule: () => upright(new THREE.CapsuleGeometry(0.25, 0.5, 8, 24)),
  }[shape]();
  geometry.computeBoundingBox();
  const box = geometry.boundingBox!;
  const extent = box.getSize(new THREE.Vector3());
  geometry.translate(-(box.min.x + box.max.x) / 2, -(box.min.y + box.max.y) / 2, -box.min.z);
  geometry.scale(1 / extent.x, 1 / extent.y, 1 / extent.z);
  return geometry;
}

/** Object to world: geometries are unit-sized, so each kind's dimensions are a scale. */
export function objectMatrix(o: FrameObject): THREE.Matrix4 {
  const scale = o.kind === 'glyph'
    ? new THREE.Matrix4().makeScale(o.size * o.stretch, o.size, o.depth)
    : new THREE.Matrix4().makeScale(o.size.x, o.size.y, o.size.z);
  const shear = new THREE.Matrix4().makeShear(0, 0, o.kind === 'glyph' ? Math.tan(o.shear * DEG) : 0, 0, 0, 0);
  const rotation = new THREE.Matrix4().makeRotationFromEuler(new THREE.Euler(o.rotation.x * DEG, o.rotation.y * DEG, o.rotation.z * DEG));
  const translation = new THREE.Matrix4().makeTranslation(o.position.x, o.position.y, o.position.z);
  return translation.multiply(rotation).multiply(shear).multiply(scale);
}
