/** Page side: geometry and placement of each object kind. */
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { setBoxUv } from './box-uv.js';
import type { GlyphOutline } from '../glyph-outlines.js';
import { DEG } from '../page/directions.js';
import type { FrameGlyph } from './glyph.js';
import type { FrameHandwriting } from './handwriting.js';
import { modelKey } from './model.js';
import type { FrameObject } from './objects.js';
import type { FramePrimitive } from './primitive.js';
import { buildProduct } from '../shapes/fashion/index.js';
import { handwritingStrokes } from '../shapes/handwriting/handwriting-strokes.js';
import { strokeGeometry } from '../shapes/handwriting/stroke-geometry.js';

/** Handwriting is flat ink: lifted this far (scene units) above the surface so it never z-fights with it. */
const INK_LIFT = 1e-3;

export interface ObjectAssets {
  glyphs: Record<string, Record<string, GlyphOutline>>;
  /** glTF files (base64) with the up axis they are placed with, by `modelKey`. */
  models: Record<string, { file: string; up: 'y' | 'z'; base64: string }>;
}

/** Builds geometries on first use and keeps them: the same glyphs, shapes and models recur across frames. */
export class GeometryCache {
  private readonly geometries = new Map<string, THREE.BufferGeometry>();
  private readonly transient: (THREE.BufferGeometry | undefined)[] = [];

  private constructor(private readonly assets: ObjectAssets) {}

  /** Parses the scene's models up front (glTF parsing is asynchronous; rendering is not). */
  static async create(assets: ObjectAssets): Promise<GeometryCache> {
    const cache = new GeometryCache(assets);
    for (const [key, model] of Object.entries(assets.models)) cache.geometries.set(key, await modelGeometry(model));
    return cache;
  }

  /**
   * The geometry object `slot` shows. Products and handwriting differ in every frame, so theirs is
   * built each time and the slot's previous one freed.
   */
  geometry(o: FrameObject, slot: number): THREE.BufferGeometry {
    this.transient[slot]?.dispose();
    this.transient[slot] = undefined;
    if (o.kind === 'product') return (this.transient[slot] = buildProduct(o.product));
    if (o.kind === 'handwriting') return (this.transient[slot] = handwritingGeometry(o));
    const key = o.kind === 'glyph' ? `glyph\u0000${o.font}\u0000${o.text}` : o.kind === 'model' ? modelKey(o.file, o.up) : `primitive\u0000${o.shape}`;
    let geometry = this.geometries.get(key);
    if (!geometry) {
      if (o.kind === 'model') throw new Error(`model ${o.file} was not loaded`);
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

/** The digit's ink ribbons, one unit high, on z = 0; texture coordinates are the surface position (like a glyph's top face). */
function handwritingGeometry(o: FrameHandwriting): THREE.BufferGeometry {
  const geometry = strokeGeometry(handwritingStrokes(o.handwriting, o.samplesPerSegment));
  const position = geometry.getAttribute('position');
  const uv = new Float32Array(position.count * 2);
  for (let i = 0; i < position.count; i++) [uv[2 * i], uv[2 * i + 1]] = [position.getX(i), position.getY(i)];
  geometry.setAttribute('uv', new THREE.BufferAttribute(uv, 2));
  return geometry;
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
  const extent = standOnSurface(geometry);
  geometry.scale(1 / extent.x, 1 / extent.y, 1 / extent.z);
  return geometry;
}

/** Moves the geometry so its footprint is centred on the origin and its lowest point is at z = 0; returns its extent. */
function standOnSurface(geometry: THREE.BufferGeometry): THREE.Vector3 {
  geometry.computeBoundingBox();
  const box = geometry.boundingBox!;
  geometry.translate(-(box.min.x + box.max.x) / 2, -(box.min.y + box.max.y) / 2, -box.min.z);
  return box.getSize(new THREE.Vector3());
}

/**
 * Every mesh of a glTF file in its place, joined into one geometry (positions, normals and texture
 * coordinates), z up, standing on the surface. The model's own texture coordinates are kept when
 * all its meshes have them; otherwise the joined geometry is box-projected (setBoxUv).
 */
async function modelGeometry({ file: name, up, base64 }: ObjectAssets['models'][string]): Promise<THREE.BufferGeometry> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const gltf = await new GLTFLoader().parseAsync(bytes.buffer, '').catch((error: unknown) => {
    throw new Error(`cannot read the glTF model ${name}: ${error instanceof Error ? error.message : String(error)}`);
  });
  gltf.scene.updateMatrixWorld(true);
  const parts: THREE.BufferGeometry[] = [];
  gltf.scene.traverse((node) => {
    if (!(node instanceof THREE.Mesh)) return;
    const geometry = (node.geometry as THREE.BufferGeometry).clone().applyMatrix4(node.matrixWorld);
    for (const attribute of Object.keys(geometry.attributes)) if (!KEPT_ATTRIBUTES.includes(attribute)) geometry.deleteAttribute(attribute);
    if (!geometry.getAttribute('normal')) geometry.computeVertexNormals();
    parts.push(geometry.index ? geometry.toNonIndexed() : geometry);
  });
  if (parts.length === 0) throw new Error(`the glTF model ${name} has no meshes`);
  const textured = parts.every((part) => part.getAttribute('uv') !== undefined);
  if (!textured) for (const part of parts) part.deleteAttribute('uv');
  const geometry = parts.length === 1 ? parts[0]! : mergeGeometries(parts);
  if (up === 'y') geometry.rotateX(Math.PI / 2);
  standOnSurface(geometry);
  if (!textured) setBoxUv(geometry);
  return geometry;
}

const KEPT_ATTRIBUTES = ['position', 'normal', 'uv'];

/** Object to world: glyphs, handwriting and primitives are unit-sized, so their dimensions are a scale. */
export function objectMatrix(o: FrameObject): THREE.Matrix4 {
  const scale = new THREE.Matrix4();
  if (o.kind === 'glyph') scale.makeScale(o.size * o.stretch, o.size, o.depth);
  else if (o.kind === 'handwriting') scale.makeScale(o.size, o.size, 1);
  else if (o.kind === 'primitive') scale.makeScale(o.size.x, o.size.y, o.size.z);
  else if (o.kind === 'product') scale.makeScale(o.size, o.size, o.size);
  else scale.makeScale(o.scale, o.scale, o.scale);
  const shear = new THREE.Matrix4().makeShear(0, 0, o.kind === 'glyph' ? Math.tan(o.shear * DEG) : 0, 0, 0, 0);
  const rotation = new THREE.Matrix4().makeRotationFromEuler(new THREE.Euler(o.rotation.x * DEG, o.rotation.y * DEG, o.rotation.z * DEG));
  const lift = o.kind === 'handwriting' ? INK_LIFT : 0;
  const translation = new THREE.Matrix4().makeTranslation(o.position.x, o.position.y, o.position.z + lift);
  return translation.multiply(rotation).multiply(shear).multiply(scale);
}
