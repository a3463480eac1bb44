/**
 * The render runtime that runs inside Chromium: builds a Three.js scene from a concrete FrameSpec,
 * renders it, and reads back the RGB frame and an instance-id pass. It draws no random numbers;
 * everything it needs arrives in the frame.
 */
import * as THREE from 'three';
import { placeCamera } from '../camera/place-camera.js';
import type { FrameSpec } from '../frame-spec.js';
import { cropPixels } from '../fit-crop.js';
import { encodeIdRuns } from '../id-runs.js';
import { type FrameLabels, type PageApi, type PageInfo, type PageInit, frameBytes } from '../page-protocol.js';
import { GeometryCache } from '../objects/build-object.js';
import { PostPass } from '../sensor/post-pass.js';
import { LabelPass } from './label-pass.js';
import { pixelWindow } from './pixel-window.js';
import { World } from './world.js';

let setup: ReturnType<typeof createSetup> | undefined;

function createSetup(init: PageInit, geometries: GeometryCache) {
  const canvas = document.createElement('canvas');
  canvas.width = init.width;
  canvas.height = init.height;
  // Kept out of the document: frames are read back, never shown, and a canvas on the page made
  // Chromium's compositor (renderer and GPU process) handle every frame drawn, ~0.3 ms CPU each.
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: init.antialias, alpha: false, powerPreference: 'high-performance' });
  renderer.setPixelRatio(1);
  renderer.setSize(init.width, init.height, false);
  renderer.shadowMap.type = THREE.PCFShadowMap;
  renderer.shadowMap.autoUpdate = false;
  return {
    init,
    renderer,
    gl: renderer.getContext(),
    idTarget: new THREE.WebGLRenderTarget(init.width, init.height, { depthBuffer: true }),
    camera: new THREE.PerspectiveCamera(35, init.width / init.height, 0.01, 1000),
    world: new World(geometries, init),
    rgba: new Uint8Array(init.width * init.height * 4),
    labels: undefined as LabelPass | undefined,
    post: undefined as PostPass | undefined,
  };
}

function labelPass(): LabelPass {
  const s = setup!;
  s.labels ??= new LabelPass(s.renderer, s.idTarget, s.init.width, s.init.height, s.init.depth?.scale ?? 1);
  return s.labels;
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

/** Renders a frame into `out` (pixels, then raw ids, then depth when on); returns its labels unless idPass is off. */
function renderFrame(frame: FrameSpec, out: Uint8Array, at: number, idPass = true): FrameLabels | undefined {
  const { renderer, gl, world, camera, init, rgba } = setup!;
  const { width, height } = init;
  world.build(frame);
  placeCamera(camera, frame.camera);

  renderer.shadowMap.enabled = world.shadows;
  renderer.shadowMap.needsUpdate = world.shadows;
  world.showLooks();
  if (frame.weather || frame.sensor) {
    setup!.post ??= new PostPass(width, height);
    setup!.post.render(renderer, world.scene, camera, frame, rgba);
  } else {
    renderer.setRenderTarget(null);
    renderer.render(world.scene, camera);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
  }
  copyFlipped(rgba, out, at, width, height, init.channels === 1 ? 'grey' : 'rgb');
  if (!idPass) return undefined;

  // Instance-id pass: flat colours, no lights, no background, no antialiasing.
  world.showIds();
  renderer.setRenderTarget(setup!.idTarget);
  renderer.setClearColor(0x000000, 1);
  renderer.clear();
  renderer.render(world.scene, camera);
  renderer.readRenderTargetPixels(setup!.idTarget, 0, 0, width, height, rgba);
  copyFlipped(rgba, out, at + width * height * init.channels, width, height, 'red');
  const labels = { objects: labelPass().objects(world, camera) };
  if (init.depth) labelPass().depth(world, camera, out, at + width * height * (init.channels + 1));
  return labels;
}

function u32(n: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n, true);
  return bytes;
}

function u16s(...ns: number[]): Uint8Array {
  const bytes = new Uint8Array(2 * ns.length);
  const view = new DataView(bytes.buffer);
  ns.forEach((n, i) => view.setUint16(2 * i, n, true));
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const api: PageApi = {
  async init(init: PageInit): Promise<PageInfo> {
    setup = createSetup(init, await GeometryCache.create({ glyphs: init.glyphs, models: init.models }));
    const gl = setup.gl;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      renderer: String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
      vendor: String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
      version: String(gl.getParameter(gl.VERSION)),
    };
  },
  async render(frames: FrameSpec[]): Promise<string> {
    if (!setup) throw new Error('render() before init()');
    const { width, height, channels, depth } = setup.init;
    const pixelBytes = width * height * channels;
    const scratch = new Uint8Array(frameBytes(setup.init));
    const idsEnd = pixelBytes + width * height;
    const parts: Uint8Array[] = [];
    const labels: FrameLabels[] = [];
    for (const frame of frames) {
      await setup.world.load(frame);
      labels.push(renderFrame(frame, scratch, 0)!);
      const ids = scratch.subarray(pixelBytes, idsEnd);
      const window = pixelWindow(frame, ids, setup.init);
      const pixels = window.width === width && window.height === height ? scratch.slice(0, pixelBytes) : cropPixels(scratch, width, channels, window);
      const runs = encodeIdRuns(ids);
      parts.push(u16s(window.x, window.y, window.width, window.height), pixels, u32(runs.length), runs);
      if (depth) parts.push(scratch.slice(idsEnd));
    }
    // One JSON text for the batch: encoding it frame by frame cost more than the frame's pixels.
    const json = new TextEncoder().encode(JSON.stringify(labels));
    parts.push(u32(json.length), json);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return toBase64(out);
  },
  async time(frames: FrameSpec[], idPass: boolean): Promise<number> {
    if (!setup) throw new Error('time() before init()');
    const per = frameBytes(setup.init);
    const out = new Uint8Array(per);
    let total = 0;
    for (const frame of frames) {
      await setup.world.load(frame);
      const started = performance.now();
      renderFrame(frame, out, 0, idPass);
      total += performance.now() - started;
    }
    return total;
  },
};

/**
 * Calls run one after another even though each awaits images: a second batch waiting in the page
 * must not evict images from the cache while the first still draws with them.
 */
function oneAtATime(inner: PageApi): PageApi {
  let turn: Promise<unknown> = Promise.resolve();
  const queue = <T>(task: () => Promise<T>): Promise<T> => {
    const result = turn.then(task);
    turn = result.catch(() => {});
    return result;
  };
  return {
    init: (init) => inner.init(init),
    render: (frames) => queue(() => inner.render(frames)),
    time: (frames, idPass) => queue(() => inner.time(frames, idPass)),
  };
}

(window as unknown as { synth: PageApi }).synth = oneAtATime(api);
