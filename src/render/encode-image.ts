import type { Box } from '../label/index.js';
import { encodePng } from '../dataset/index.js';
import { type PixelRect, cropPixels, fitCrop } from './fit-crop.js';
import { resample } from './resample.js';
import { jpegRoundTrip } from './sensor/jpeg-round-trip.js';
import type { SceneSpec } from './scene-schema.js';
import { sharpen } from './sharpen.js';
import { nonzeroRect, pickIndices, pickPixels } from './subsample.js';

type Output = SceneSpec['output'];
type Fit = NonNullable<Output['fit']>;

export interface EncodeInput {
  /** Pixels in the output's channels (RGB or grey), rows top-down, of `window`. */
  pixels: Buffer;
  /** Instance ids of the whole frame, one byte per pixel (0 = background). */
  ids: Uint8Array;
  width: number;
  height: number;
  /** The part of the frame `pixels` hold (default: all of it). With `fit`, it must contain the fit's crop (fitCrop). */
  window?: PixelRect | undefined;
  /** Tight box around all labelled objects, or null when none is visible. */
  objectBox: Box | null;
  /** The frame's sampled JPEG quality (sensor.jpeg): the camera's compression, applied before `fit`. */
  jpegQuality?: number | undefined;
}

export interface EncodedImage {
  png: Buffer;
  /** Maps a box in rendered-frame pixels to the written image's pixels (the identity without `fit`). */
  mapBox: (box: Box) => Box;
  /** Width and height of the written image. */
  size: [number, number];
  /**
   * Maps a per-pixel label image of the rendered frame (instance ids, depths) to the written
   * image's pixels: same crop and placement, nearest-neighbour so labels are never blended.
   */
  mapLabels: <T extends Uint8Array | Uint16Array>(labels: T) => T;
}

/** The PNG written for a rendered frame, following the scene's `output` settings. */
export async function encodeImage(input: EncodeInput, output: Output): Promise<EncodedImage> {
  const channels = outputChannels(output);
  const window = input.window ?? { x: 0, y: 0, width: input.width, height: input.height };
  if ((!output.fit || input.jpegQuality !== undefined) && (window.width !== input.width || window.height !== input.height)) {
    throw new Error(`encodeImage: got a ${window.width}×${window.height} window of a ${input.width}×${input.height} frame; only a fit without JPEG reads part of a frame`);
  }
  if (input.jpegQuality !== undefined) {
    input = { ...input, pixels: await jpegRoundTrip(input.pixels, input.width, input.height, channels, input.jpegQuality) };
  }
  if (!output.fit) {
    return { png: await encodePng(input.pixels, input.width, input.height, channels), mapBox: (box) => box, size: [input.width, input.height], mapLabels: (l) => l };
  }
  const pixels = output.fit.negate
    ? objectsOnBlack(input.pixels, input.ids, input.width, window, channels, (v) => Math.max(1, 255 - v))
    : output.fit.maskBackground ? objectsOnBlack(input.pixels, input.ids, input.width, window, channels, (v) => v) : input.pixels;
  const fitted = fitToCanvas(pixels, window, input, channels, output.fit);
  const written = output.fit.sharpen ? sharpen(fitted.pixels, fitted.width, fitted.height, channels, output.fit.sharpen) : fitted.pixels;
  const { originX, originY, scaleX, scaleY, left, top } = fitted.placement;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    png: await encodePng(written, fitted.width, fitted.height, channels),
    mapBox: ([x, y, w, h]) => [round(left + (x - originX) * scaleX), round(top + (y - originY) * scaleY), round(w * scaleX), round(h * scaleY)],
    size: [fitted.width, fitted.height],
    mapLabels: (labels) => placeNearest(labels, input.width, fitted.width, fitted.placement),
  };
}

function placeNearest<T extends Uint8Array | Uint16Array>(labels: T, width: number, canvas: number, p: Placement): T {
  // A Buffer's constructor is the deprecated Buffer(n): allocate one the supported way.
  const out = (Buffer.isBuffer(labels) ? Buffer.alloc(canvas * canvas) : new (labels.constructor as new (n: number) => T)(canvas * canvas)) as T;
  p.sourceY.forEach((sy, v) => {
    p.sourceX.forEach((sx, u) => {
      out[(p.top + v) * canvas + p.left + u] = labels[sy * width + sx]!;
    });
  });
  return out;
}

/**
 * Where the fitted image sits: a frame point x lands at left + (x - originX) * scaleX, and output
 * column u (of the fitted image) shows frame column sourceX[u] (nearest), likewise for rows.
 */
interface Placement {
  originX: number; originY: number; scaleX: number; scaleY: number;
  sourceX: number[]; sourceY: number[]; left: number; top: number;
}

export function outputChannels(output: Output): 1 | 3 {
  return output.colour === 'grey' ? 1 : 3;
}

/**
 * The window's objects on black: each object pixel mapped by `value` (as it is when masking the
 * background; 255 - v, at least 1 so a white pixel is not taken for background, for a negative).
 * On a copy, since the caller's pixels may be a view it still needs.
 */
function objectsOnBlack(pixels: Buffer, ids: Uint8Array, width: number, window: PixelRect, channels: number, value: (v: number) => number): Buffer {
  const out = Buffer.alloc(window.width * window.height * channels);
  for (let y = 0, o = 0; y < window.height; y++) {
    for (let x = 0, i = (window.y + y) * width + window.x; x < window.width; x++, i++, o += channels) {
      if (ids[i] !== 0) for (let c = 0; c < channels; c++) out[o + c] = value(pixels[o + c]!);
    }
  }
  return out;
}

/**
 * Crops to the objects (plus padding), scales the crop to fit in fit.box × fit.box keeping its aspect
 * ratio, and places it on a black fit.canvas square with its centre of mass (or box centre) at the
 * centre, as MNIST was made. Frames with no visible object are scaled whole onto the canvas.
 */
function fitToCanvas(pixels: Buffer, window: PixelRect, input: EncodeInput, channels: number, fit: Fit) {
  const { x: x0, y: y0, width: cw, height: ch } = fitCrop(input.objectBox, fit.padding, input.width, input.height);
  if (x0 < window.x || y0 < window.y || x0 + cw > window.x + window.width || y0 + ch > window.y + window.height) {
    throw new Error(`encodeImage: the fit reads ${cw}×${ch} at ${x0},${y0}, outside the ${window.width}×${window.height} window at ${window.x},${window.y}`);
  }
  const crop = cropPixels(pixels, window.width, channels, { x: x0 - window.x, y: y0 - window.y, width: cw, height: ch });
  let [fw, fh] = fitSize(cw, ch, fit.subsample?.from ?? fit.box);
  let fitted = resample(crop, cw, ch, channels, fw, fh);
  let [originX, originY, scaleX, scaleY] = [x0, y0, fw / cw, fh / ch];
  let sourceX = nearestSources(x0, cw, fw, scaleX);
  let sourceY = nearestSources(y0, ch, fh, scaleY);
  if (fit.subsample) {
    // The second step reads the averaged image's lit part only, as Fashion-MNIST trimmed its margins.
    const lit = nonzeroRect(fitted, fw, fh, channels) ?? { x: 0, y: 0, width: fw, height: fh };
    const [ow, oh] = fitSize(lit.width, lit.height, fit.box);
    const xs = pickIndices(lit.width, ow).map((i) => lit.x + i);
    const ys = pickIndices(lit.height, oh).map((i) => lit.y + i);
    fitted = pickPixels(fitted, fw, channels, xs, ys);
    [originX, originY] = [originX + lit.x / scaleX, originY + lit.y / scaleY];
    [scaleX, scaleY] = [(scaleX * ow) / lit.width, (scaleY * oh) / lit.height];
    [sourceX, sourceY] = [xs.map((i) => sourceX[i]!), ys.map((i) => sourceY[i]!)];
    [fw, fh] = [ow, oh];
  }

  const [cx, cy] = fit.centre === 'mass' ? centreOfMass(fitted, fw, fh, channels) : [fw / 2, fh / 2];
  const n = fit.canvas;
  const left = clamp(Math.round(n / 2 - cx), 0, n - fw);
  const top = clamp(Math.round(n / 2 - cy), 0, n - fh);
  const canvas = Buffer.alloc(n * n * channels);
  for (let y = 0; y < fh; y++) {
    fitted.copy(canvas, ((top + y) * n + left) * channels, y * fw * channels, (y + 1) * fw * channels);
  }
  const placement: Placement = { originX, originY, scaleX, scaleY, sourceX, sourceY, left, top };
  return { pixels: canvas, width: n, height: n, placement };
}

/** For each of `count` pixels scaled by `scale` from `size` pixels at `from`, the source pixel under its centre. */
function nearestSources(from: number, size: number, count: number, scale: number): number[] {
  return Array.from({ length: count }, (_, u) => Math.min(from + size - 1, from + Math.floor((u + 0.5) / scale)));
}

/** The size of a width × height image scaled to `box` on its long side (each side 1 to box). */
function fitSize(width: number, height: number, box: number): [number, number] {
  const scale = box / Math.max(width, height);
  return [Math.max(1, Math.min(box, Math.round(width * scale))), Math.max(1, Math.min(box, Math.round(height * scale)))];
}

/** Intensity-weighted centre (pixel centres at +0.5); the box centre when the crop is all black. */
function centreOfMass(pixels: Buffer, width: number, height: number, channels: number): [number, number] {
  let [sum, sx, sy] = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let c = 0; c < channels; c++) v += pixels[(y * width + x) * channels + c]!;
      sum += v; sx += v * (x + 0.5); sy += v * (y + 0.5);
    }
  }
  return sum === 0 ? [width / 2, height / 2] : [sx / sum, sy / sum];
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
