/**
 * Page side: what labels need beyond the instance-id image — each object's amodal extent (the
 * projection of the whole object, hidden parts included), the pixels it would cover if nothing hid
 * it, and a metric depth image.
 */
import * as THREE from 'three';
import type { FrameLabels } from '../page-protocol.js';
import type { World } from './world.js';

/** Corner points of each geometry without the duplicates of non-indexed meshes, computed once. */
const corners = new WeakMap<THREE.BufferGeometry, Float32Array>();

function uniquePoints(geometry: THREE.BufferGeometry): Float32Array {
  let points = corners.get(geometry);
  if (!points) {
    const position = geometry.getAttribute('position');
    const seen = new Set<string>();
    const kept: number[] = [];
    for (let i = 0; i < position.count; i++) {
      const [x, y, z] = [position.getX(i), position.getY(i), position.getZ(i)];
      const key = `${x},${y},${z}`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(x, y, z);
    }
    points = new Float32Array(kept);
    corners.set(geometry, points);
  }
  return points;
}

export type PixelBox = [x0: number, y0: number, x1: number, y1: number];

/**
 * The extent in pixels (x right, y down; not clipped to the frame) of the mesh's vertices in front
 * of the camera, and the lowest world z of any vertex (below 0 means the surface hides part of it).
 */
export function projectedExtent(mesh: THREE.Mesh, camera: THREE.Camera, width: number, height: number): { box: PixelBox | null; minZ: number } {
  const points = uniquePoints(mesh.geometry);
  const toClip = new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse).multiply(mesh.matrixWorld);
  const e = toClip.elements, w = mesh.matrixWorld.elements;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  let minZ = Infinity;
  for (let i = 0; i < points.length; i += 3) {
    const [x, y, z] = [points[i]!, points[i + 1]!, points[i + 2]!];
    minZ = Math.min(minZ, w[2]! * x + w[6]! * y + w[10]! * z + w[14]!);
    const cw = e[3]! * x + e[7]! * y + e[11]! * z + e[15]!;
    if (cw <= 1e-9) continue;
    const px = ((e[0]! * x + e[4]! * y + e[8]! * z + e[12]!) / cw + 1) * 0.5 * width;
    const py = (1 - (e[1]! * x + e[5]! * y + e[9]! * z + e[13]!) / cw) * 0.5 * height;
    x0 = Math.min(x0, px); x1 = Math.max(x1, px);
    y0 = Math.min(y0, py); y1 = Math.max(y1, py);
  }
  return { box: x0 <= x1 ? [x0, y0, x1, y1] : null, minZ };
}

function overlaps(a: PixelBox, b: PixelBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

export class LabelPass {
  private readonly scratch: Uint8Array;
  private readonly depthMaterial: THREE.ShaderMaterial;

  constructor(
    private readonly renderer: THREE.WebGLRenderer,
    private readonly target: THREE.WebGLRenderTarget,
    private readonly width: number,
    private readonly height: number,
    depthScale: number,
  ) {
    this.scratch = new Uint8Array(width * height * 4);
    // Metres along the view axis in units of depthScale, split over two 8-bit channels (high, low).
    this.depthMaterial = new THREE.ShaderMaterial({
      uniforms: { scale: { value: depthScale } },
      vertexShader: `
        varying float viewDepth;
        void main() {
          vec4 view = modelViewMatrix * vec4(position, 1.0);
          viewDepth = -view.z;
          gl_Position = projectionMatrix * view;
        }`,
      fragmentShader: `
        uniform float scale;
        varying float viewDepth;
        void main() {
          float v = clamp(floor(viewDepth / scale + 0.5), 1.0, 65535.0);
          gl_FragColor = vec4(floor(v / 256.0) / 255.0, mod(v, 256.0) / 255.0, 0.0, 1.0);
        }`,
    });
  }

  /**
   * Amodal extents for every object, and for each object that something may hide (another object's
   * extent overlaps its own, or it reaches below the surface) the pixels it covers when drawn alone.
   * Objects nothing can hide cover exactly their visible pixels, so they cost no extra pass.
   */
  objects(world: World, camera: THREE.Camera): FrameLabels['objects'] {
    const meshes = world.meshes;
    const extents = meshes.map((mesh) => projectedExtent(mesh, camera, this.width, this.height));
    return meshes.map((mesh, i) => {
      const { box, minZ } = extents[i]!;
      if (!world.labelled(i)) return { amodal: null, unoccluded: null };
      const hidden = box !== null && (minZ < -1e-6 || extents.some((other, j) => j !== i && other.box !== null && overlaps(box, other.box)));
      return { amodal: box, unoccluded: hidden ? this.alone(world, camera, i, box!) : null };
    });
  }

  /** Pixels object `i` covers with nothing else drawn, counted inside its extent only. */
  private alone(world: World, camera: THREE.Camera, i: number, box: PixelBox): number {
    const x0 = Math.max(0, Math.floor(box[0]) - 1), x1 = Math.min(this.width, Math.ceil(box[2]) + 1);
    const y0 = Math.max(0, Math.floor(box[1]) - 1), y1 = Math.min(this.height, Math.ceil(box[3]) + 1);
    if (x1 <= x0 || y1 <= y0) return 0;
    world.showIds(i);
    const [w, h] = [x1 - x0, y1 - y0];
    const glY = this.height - y1;
    this.renderer.setRenderTarget(this.target);
    this.target.scissor.set(x0, glY, w, h);
    this.target.scissorTest = true;
    this.renderer.setClearColor(0x000000, 1);
    this.renderer.clear();
    this.renderer.render(world.scene, camera);
    this.target.scissorTest = false;
    this.renderer.readRenderTargetPixels(this.target, x0, glY, w, h, this.scratch);
    const id = i + 1;
    let count = 0;
    for (let p = 0; p < w * h * 4; p += 4) if (this.scratch[p] === id) count++;
    world.showIds();
    return count;
  }

  /** Depth in units of the scale, two bytes per pixel (big-endian), rows top-down; 0 where nothing was hit. */
  depth(world: World, camera: THREE.Camera, out: Uint8Array, at: number): void {
    world.showAll(this.depthMaterial);
    this.renderer.setRenderTarget(this.target);
    this.renderer.setClearColor(0x000000, 1);
    this.renderer.clear();
    this.renderer.render(world.scene, camera);
    this.renderer.readRenderTargetPixels(this.target, 0, 0, this.width, this.height, this.scratch);
    for (let y = 0; y < this.height; y++) {
      for (let x = 0, i = (this.height - 1 - y) * this.width * 4, o = at + y * this.width * 2; x < this.width; x++, i += 4, o += 2) {
        out[o] = this.scratch[i]!;
        out[o + 1] = this.scratch[i + 1]!;
      }
    }
  }
}
