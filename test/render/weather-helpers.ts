/**
 * Shared by the randomizers' render tests (weather, sensor, lighting, camera, materials, placement):
 * a plain scene, frames set by hand, image statistics.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser } from 'puppeteer';
import { SynthError } from '../../src/errors.js';
import { launchBrowser } from '../../src/render/browser.js';
import { FrameSpec } from '../../src/render/frame-spec.js';
import { sceneFromText } from '../../src/render/load-scene.js';
import { RenderPage, type RenderedFrame } from '../../src/render/render-page.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import type { FrameSensor } from '../../src/render/sensor/sensor.js';
import type { FrameWeather } from '../../src/render/weather/weather.js';
import { createRng } from '../../src/rng.js';
import { repoRoot } from '../helpers.js';

export const SIZE = 64;

const configFile = `${repoRoot}/scenes/test.yaml`;

/** Frames 0..n-1 of a scene config given as text, checked against the FrameSpec schema. */
export function sampledFrames(text: string, n: number, seed: number): FrameSpec[] {
  const scene = sceneFromText(text, configFile).spec;
  const root = createRng(seed);
  return Array.from({ length: n }, (_, i) => FrameSpec.parse(sampleFrame(scene, root, i)));
}

/** That `on` of `n` frames is within four standard deviations of a binomial count with probability p. */
export function assertRate(on: number, n: number, p: number, what: string): void {
  const sd = Math.sqrt(n * p * (1 - p));
  assert.ok(Math.abs(on - n * p) <= 4 * sd + 1, `${what}: ${on}/${n} on, expected about ${n * p}`);
}

/** What a scene config given as text is refused with. */
export function configProblems(text: string): string {
  try {
    sceneFromText(text, configFile);
  } catch (error) {
    assert.ok(error instanceof SynthError);
    return error.describe();
  }
  assert.fail('the config was accepted');
}

/** A grey surface seen from straight above, a red digit in the middle, nothing random. */
const plain = sceneFromText(`
name: weather-test
classes: ["8"]
image: { width: ${SIZE}, height: ${SIZE} }
background: "#8090a0"
surface: { material: { colour: "#808080", roughness: 0.9 } }
camera: { distance: 3, fov: 35 }
lights:
  - { type: ambient, intensity: 0.8 }
  - { type: directional, intensity: 1.5, elevation: 60 }
objects:
  - kind: glyph
    depth: 0.1
    material: { colour: "#e04040" }
    fonts: [npm:@fontsource/roboto/files/roboto-latin-400-normal.woff]
`, `${repoRoot}/scenes/weather-test.yaml`);

export const clearWeather = (seed = 7): FrameWeather => ({ seed, fog: null, haze: null, rain: null, snow: null, dust: null, glare: null });
export const perfectSensor = (): FrameSensor => ({ exposure: null, motionBlur: null, defocus: null, noise: null, jpeg: null });

/** The plain scene's frame, optionally with weather and sensor effects set by hand. */
export function frame(effects: { weather?: Partial<FrameWeather>; sensor?: Partial<FrameSensor> } = {}): FrameSpec {
  const f = sampleFrame(plain.spec, createRng(1), 0);
  if (effects.weather) f.weather = { ...clearWeather(), ...effects.weather };
  if (effects.sensor) f.sensor = { ...perfectSensor(), ...effects.sensor };
  return f;
}

export class TestRenderer {
  private constructor(private readonly browser: Browser, private readonly page: RenderPage) {}

  static async open(): Promise<TestRenderer> {
    const browser = await launchBrowser();
    const page = await RenderPage.open(browser, { width: SIZE, height: SIZE, antialias: true, channels: 3, glyphs: plain.glyphs, models: {}, depth: null });
    return new TestRenderer(browser, page);
  }

  render(frames: FrameSpec[]): Promise<RenderedFrame[]> {
    return this.page.render(frames);
  }

  /** A second page in the same browser (for reproducibility across pages). */
  async another(): Promise<RenderPage> {
    return RenderPage.open(this.browser, { width: SIZE, height: SIZE, antialias: true, channels: 3, glyphs: plain.glyphs, models: {}, depth: null });
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/** A TestRenderer opened before the calling suite's tests and closed after them. */
export function suiteRenderer(): Pick<TestRenderer, 'render' | 'another'> {
  let renderer: TestRenderer | undefined;
  before(async () => {
    renderer = await TestRenderer.open();
  });
  after(async () => {
    await renderer?.close();
  });
  return { render: (frames) => renderer!.render(frames), another: () => renderer!.another() };
}

/** BT.601 luma of RGB pixels, as floats. */
export function luma(rgb: Buffer): Float64Array {
  const out = new Float64Array(rgb.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  return out;
}

export function channel(rgb: Buffer, c: number): Float64Array {
  return Float64Array.from({ length: rgb.length / 3 }, (_, i) => rgb[i * 3 + c]!);
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

export function std(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return Math.sqrt(s / xs.length);
}

/** The values of a SIZE×SIZE image inside [x0, x1) × [y0, y1). */
export function region(image: Float64Array, x0: number, y0: number, x1: number, y1: number): number[] {
  const out: number[] = [];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out.push(image[y * SIZE + x]!);
  return out;
}

export function difference(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v - b[i]!);
}

/** Sums of squared horizontal and vertical differences, and of the squared Laplacian: high-frequency energy. */
export function edgeEnergy(image: Float64Array): { gx: number; gy: number; laplacian: number } {
  let [gx, gy, laplacian] = [0, 0, 0];
  const at = (x: number, y: number) => image[y * SIZE + x]!;
  for (let y = 1; y < SIZE - 1; y++) {
    for (let x = 1; x < SIZE - 1; x++) {
      gx += (at(x + 1, y) - at(x, y)) ** 2;
      gy += (at(x, y + 1) - at(x, y)) ** 2;
      laplacian += (4 * at(x, y) - at(x - 1, y) - at(x + 1, y) - at(x, y - 1) - at(x, y + 1)) ** 2;
    }
  }
  return { gx, gy, laplacian };
}

/**
 * The dominant orientation of the image's gradients in degrees, in [0, 180) measured from +x
 * towards +y (down): the structure tensor's main axis, with Scharr derivatives (central
 * differences pull thin lines' orientations towards the diagonals).
 */
export function gradientOrientation(image: Float64Array): number {
  let [xx, yy, xy] = [0, 0, 0];
  const at = (x: number, y: number) => image[y * SIZE + x]!;
  for (let y = 1; y < SIZE - 1; y++) {
    for (let x = 1; x < SIZE - 1; x++) {
      const gx = 3 * (at(x + 1, y - 1) - at(x - 1, y - 1)) + 10 * (at(x + 1, y) - at(x - 1, y)) + 3 * (at(x + 1, y + 1) - at(x - 1, y + 1));
      const gy = 3 * (at(x - 1, y + 1) - at(x - 1, y - 1)) + 10 * (at(x, y + 1) - at(x, y - 1)) + 3 * (at(x + 1, y + 1) - at(x + 1, y - 1));
      xx += gx * gx; yy += gy * gy; xy += gx * gy;
    }
  }
  const degrees = (0.5 * Math.atan2(2 * xy, xx - yy) * 180) / Math.PI;
  return (degrees + 180) % 180;
}

/** Angle between two orientations (mod 180°), in [0, 90]. */
export function orientationGap(a: number, b: number): number {
  const d = (((a - b) % 180) + 180) % 180;
  return Math.min(d, 180 - d);
}

/** Connected groups (4-neighbour) of pixels above `threshold` with at most `largest` pixels: small bright blobs. */
export function smallBlobs(image: Float64Array, threshold: number, largest = 16): number {
  const seen = new Uint8Array(image.length);
  let blobs = 0;
  for (let start = 0; start < image.length; start++) {
    if (seen[start] || image[start]! <= threshold) continue;
    let size = 0;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      size++;
      const [x, y] = [i % SIZE, Math.floor(i / SIZE)];
      for (const [nx, ny] of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]] as const) {
        const j = ny * SIZE + nx;
        if (nx >= 0 && ny >= 0 && nx < SIZE && ny < SIZE && !seen[j] && image[j]! > threshold) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (size <= largest) blobs++;
  }
  return blobs;
}

/**
 * The object pixels of an instance-id image (id > 0): how many, their centroid, the std of their
 * rows (an object's height, up to a factor) and their main axis in degrees in [0, 180) from +x
 * towards +y (down).
 */
export function maskShape(ids: Buffer): { pixels: number; x: number; y: number; height: number; orientation: number } {
  let [n, sx, sy] = [0, 0, 0];
  for (let i = 0; i < ids.length; i++) if (ids[i]! > 0) [n, sx, sy] = [n + 1, sx + (i % SIZE), sy + Math.floor(i / SIZE)];
  const [x, y] = [sx / n, sy / n];
  let [xx, yy, xy] = [0, 0, 0];
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! === 0) continue;
    const [dx, dy] = [(i % SIZE) - x, Math.floor(i / SIZE) - y];
    [xx, yy, xy] = [xx + dx * dx, yy + dy * dy, xy + dx * dy];
  }
  const orientation = ((0.5 * Math.atan2(2 * xy, xx - yy) * 180) / Math.PI + 180) % 180;
  return { pixels: n, x, y, height: Math.sqrt(yy / n), orientation };
}
