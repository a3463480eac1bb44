/**
 * The render runtime that runs inside Chromium: builds a Three.js scene from a concrete FrameSpec,
 * renders it, and reads back the RGB frame and an instance-id pass. It draws no random numbers;
 * everything it needs arrives in the frame.
 */
import * as THREE from 'three';
import type { FrameLight, FrameObject, FrameSpec } from '../frame-spec.js';
import type { GlyphOutline } from '../glyph-outlines.js';
import { encodeIdRuns } from '../id-runs.js';
import { type PageApi, type PageInfo, type PageInit, frameBytes } from '../page-protocol.js';

const DEG = Math.PI / 180;

let setup: ReturnType<typeof createSetup> | undefined;

function createSetup(init: PageInit) {
  const canvas = document.createElement('canvas');
  canvas.width = init.width;
  canvas.height = init.height;
  document.body.appendChild(canvas);
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: init.antialias, alpha: false, powerPreference: 'high-performance' });
  renderer.setPixelRatio(1);
  renderer.setSize(init.width, init.height, false);
  const gl = renderer.getContext();
  const idTarget = new THREE.WebGLRenderTarget(init.width, init.height, { depthBuffer: true });
  return {
    init,
    renderer,
    gl,
    idTarget,
    camera: new THREE.PerspectiveCamera(35, init.width / init.height, 0.01, 1000),
    geometries: new Map<string, THREE.BufferGeometry>(),
    surfaceGeometry: new THREE.PlaneGeometry(1, 1),
    rgba: new Uint8Array(init.width * init.height * 4),
  };
}

function glyphGeometry(font: string, text: string): THREE.BufferGeometry {
  const s = setup!;
  const key = `${font}\u0000${text}`;
  let geometry = s.geometries.get(key);
  if (!geometry) {
    const outline: GlyphOutline | undefined = s.init.glyphs[font]?.[text];
    if (!outline) throw new Error(`no outline for ${JSON.stringify(text)} in font ${font}`);
    const shapes = outline.shapes.map((shape) => {
      const result = new THREE.Shape(toPoints(shape.outer));
      result.holes = shape.holes.map((h) => new THREE.Path(toPoints(h)));
      return result;
    });
    geometry = new THREE.ExtrudeGeometry(shapes, { depth: 1, bevelEnabled: false, curveSegments: 1 });
    s.geometries.set(key, geometry);
  }
  return geometry;
}

function toPoints(flat: number[]): THREE.Vector2[] {
  const points: THREE.Vector2[] = [];
  for (let i = 0; i < flat.length; i += 2) points.push(new THREE.Vector2(flat[i], flat[i + 1]));
  return points;
}

function colour(hex: string): THREE.Color {
  return new THREE.Color(hex);
}

function standardMaterial(m: FrameObject['material']): THREE.MeshStandardMaterial {
  return new THREE.MeshStandardMaterial({ color: colour(m.colour), roughness: m.roughness, metalness: m.metalness });
}

/** A direction on the unit sphere: elevation above the surface, azimuth from the reader side (-y). */
function direction(elevation: number, azimuth: number): THREE.Vector3 {
  const el = elevation * DEG, az = azimuth * DEG;
  return new THREE.Vector3(Math.sin(az) * Math.cos(el), -Math.cos(az) * Math.cos(el), Math.sin(el));
}

function newLight(type: FrameLight['type']): THREE.Light {
  const light = type === 'ambient' ? new THREE.AmbientLight()
    : type === 'hemisphere' ? new THREE.HemisphereLight()
    : type === 'directional' ? new THREE.DirectionalLight()
    : new THREE.PointLight();
  light.userData.type = type;
  return light;
}

function setLight(target: THREE.Light, light: FrameLight): void {
  target.intensity = light.intensity;
  switch (light.type) {
    case 'ambient':
      target.color.set(light.colour);
      break;
    case 'hemisphere':
      target.color.set(light.sky);
      (target as THREE.HemisphereLight).groundColor.set(light.ground);
      target.position.set(0, 0, 1);
      break;
    case 'directional':
      target.color.set(light.colour);
      target.position.copy(direction(light.elevation, light.azimuth).multiplyScalar(10));
      break;
    case 'point': {
      const l = target as THREE.PointLight;
      l.color.set(light.colour);
      l.distance = light.range;
      l.decay = 2;
      l.position.set(light.position.x, light.position.y, light.position.z);
      break;
    }
  }
}

function glyphMatrix(o: FrameObject): THREE.Matrix4 {
  const scale = new THREE.Matrix4().makeScale(o.size * o.stretch, o.size, o.depth);
  const shear = new THREE.Matrix4().makeShear(0, 0, Math.tan(o.shear * DEG), 0, 0, 0);
  const rotation = new THREE.Matrix4().makeRotationFromEuler(new THREE.Euler(o.rotation.x * DEG, o.rotation.y * DEG, o.rotation.z * DEG));
  const translation = new THREE.Matrix4().makeTranslation(o.position.x, o.position.y, o.position.z);
  return translation.multiply(rotation).multiply(shear).multiply(scale);
}

/**
 * The scene graph persists across frames and only its values change: three.js frees a shader
 * program when no material uses it, and recompiling on SwiftShader costs tens of milliseconds.
 */
const world = {
  scene: new THREE.Scene(),
  lights: [] as THREE.Light[],
  surface: undefined as THREE.Mesh<THREE.PlaneGeometry, THREE.MeshStandardMaterial> | undefined,
  objects: [] as THREE.Mesh<THREE.BufferGeometry, THREE.Material>[],
  looks: [] as THREE.MeshStandardMaterial[],
  ids: [] as THREE.MeshBasicMaterial[],
};

function setMaterial(target: THREE.MeshStandardMaterial, m: FrameObject['material']): void {
  target.color.set(m.colour);
  target.roughness = m.roughness;
  target.metalness = m.metalness;
}

function buildScene(frame: FrameSpec): void {
  const { scene } = world;
  scene.background = colour(frame.background);
  // Lights are reused, not made anew each frame: three.js caches uniforms per light id and never
  // frees them, which grew the page by ~330 bytes a frame.
  const same = world.lights.length === frame.lights.length && frame.lights.every((l, i) => world.lights[i]!.userData.type === l.type);
  if (!same) {
    for (const light of world.lights) {
      scene.remove(light);
      if (light instanceof THREE.DirectionalLight) scene.remove(light.target);
      light.dispose();
    }
    world.lights = frame.lights.map((l) => newLight(l.type));
    for (const light of world.lights) {
      scene.add(light);
      if (light instanceof THREE.DirectionalLight) scene.add(light.target);
    }
  }
  frame.lights.forEach((l, i) => setLight(world.lights[i]!, l));

  if (frame.surface) {
    world.surface ??= new THREE.Mesh(setup!.surfaceGeometry, new THREE.MeshStandardMaterial());
    if (!world.surface.parent) scene.add(world.surface);
    world.surface.scale.set(frame.surface.size, frame.surface.size, 1);
    setMaterial(world.surface.material, frame.surface.material);
  } else if (world.surface) {
    scene.remove(world.surface);
  }

  frame.objects.forEach((o, i) => {
    if (!world.objects[i]) {
      const mesh = new THREE.Mesh<THREE.BufferGeometry, THREE.Material>();
      mesh.matrixAutoUpdate = false;
      world.objects.push(mesh);
      world.looks.push(new THREE.MeshStandardMaterial());
      const id = new THREE.MeshBasicMaterial();
      id.color.setRGB((i + 1) / 255, 0, 0, THREE.LinearSRGBColorSpace);
      world.ids.push(id);
    }
    const mesh = world.objects[i]!;
    mesh.geometry = glyphGeometry(o.font, o.text);
    mesh.matrix.copy(glyphMatrix(o));
    mesh.matrixWorldNeedsUpdate = true;
    setMaterial(world.looks[i]!, o.material);
    if (!mesh.parent) scene.add(mesh);
  });
  for (const extra of world.objects.slice(frame.objects.length)) scene.remove(extra);
}

function placeCamera(frame: FrameSpec): THREE.PerspectiveCamera {
  const { camera } = setup!;
  const c = frame.camera;
  const target = new THREE.Vector3(c.lookAt.x, c.lookAt.y, c.lookAt.z);
  camera.fov = c.fov;
  camera.updateProjectionMatrix();
  camera.position.copy(direction(c.elevation, c.azimuth).multiplyScalar(c.distance).add(target));
  // "Up" in the image is away from the viewer across the surface, which stays defined at 90° elevation.
  camera.up.set(-Math.sin(c.azimuth * DEG), Math.cos(c.azimuth * DEG), 0);
  camera.lookAt(target);
  camera.rotateZ(c.roll * DEG);
  camera.updateMatrixWorld();
  return camera;
}

type Pack = 'rgb' | 'grey' | 'red';

/**
 * Copies a bottom-up RGBA read-back into `out` at `at`, top-down, as RGB, grey (BT.601 luma, as PIL
 * and OpenCV compute it) or the red channel alone (instance ids).
 */
function copyFlipped(src: Uint8Array, out: Uint8Array, at: number, width: number, height: number, pack: Pack): void {
  let o = at;
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = (height - 1 - y) * width * 4; x < width; x++, i += 4) {
      if (pack === 'rgb') {
        out[o++] = src[i]!; out[o++] = src[i + 1]!; out[o++] = src[i + 2]!;
      } else if (pack === 'grey') {
        out[o++] = Math.round(0.299 * src[i]! + 0.587 * src[i + 1]! + 0.114 * src[i + 2]!);
      } else {
        out[o++] = src[i]!;
      }
    }
  }
}

function renderFrame(frame: FrameSpec, out: Uint8Array, at: number, idPass = true): void {
  const s = setup!;
  const { width, height } = s.init;
  buildScene(frame);
  const camera = placeCamera(frame);
  const active = world.objects.slice(0, frame.objects.length);

  active.forEach((mesh, i) => (mesh.material = world.looks[i]!));
  if (world.surface) world.surface.visible = true;
  s.renderer.setRenderTarget(null);
  s.renderer.render(world.scene, camera);
  s.gl.readPixels(0, 0, width, height, s.gl.RGBA, s.gl.UNSIGNED_BYTE, s.rgba);
  copyFlipped(s.rgba, out, at, width, height, s.init.channels === 1 ? 'grey' : 'rgb');
  if (!idPass) return;

  // Instance-id pass: flat colours, no lights, no background, no antialiasing.
  const background = world.scene.background;
  world.scene.background = null;
  if (world.surface) world.surface.visible = false;
  active.forEach((mesh, i) => (mesh.material = world.ids[i]!));
  s.renderer.setRenderTarget(s.idTarget);
  s.renderer.setClearColor(0x000000, 1);
  s.renderer.clear();
  s.renderer.render(world.scene, camera);
  s.renderer.readRenderTargetPixels(s.idTarget, 0, 0, width, height, s.rgba);
  copyFlipped(s.rgba, out, at + width * height * s.init.channels, width, height, 'red');
  world.scene.background = background;
}

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const api: PageApi = {
  init(init: PageInit): PageInfo {
    setup = createSetup(init);
    const gl = setup.gl;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      renderer: String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
      vendor: String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
      version: String(gl.getParameter(gl.VERSION)),
    };
  },
  render(frames: FrameSpec[]): string {
    if (!setup) throw new Error('render() before init()');
    const per = frameBytes(setup.init);
    const pixelBytes = per - setup.init.width * setup.init.height;
    const scratch = new Uint8Array(per);
    const parts: Uint8Array[] = [];
    for (const frame of frames) {
      renderFrame(frame, scratch, 0);
      const runs = encodeIdRuns(scratch.subarray(pixelBytes));
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, runs.length, true);
      parts.push(scratch.slice(0, pixelBytes), length, runs);
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return toBase64(out);
  },
  time(frames: FrameSpec[], idPass: boolean): number {
    if (!setup) throw new Error('time() before init()');
    const per = frameBytes(setup.init);
    const out = new Uint8Array(per);
    const started = performance.now();
    for (const frame of frames) renderFrame(frame, out, 0, idPass);
    return performance.now() - started;
  },
};

(window as unknown as { synth: PageApi }).synth = api;
