import type { Box } from '../label/index.js';
import { encodePng } from '../dataset/index.js';
import { resample } from './resample.js';
import { jpegRoundTrip } from './sensor/jpeg-round-trip.js';
import type { SceneSpec } from './scene-schema.js';
import { sharpen } from './sharpen.js';

type Output = SceneSpec['output'];
type Fit = NonNullable<Output['fit']>;

export interface EncodeInput {
  /** Pixels in the output's channels (RGB or grey), rows top-down. */
  pixels: Buffer;
  /** Instance ids, one byte per pixel (0 = background). */
  ids: Uint8Array;
  width: number;
  height: number;
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
  if (input.jpegQuality !== undefined) {
    input = { ...input, pixels: await jpegRoundTrip(input.pixels, input.width, input.height, channels, input.jpegQuality) };
  }
  if (!output.fit) {
    return { png: await encodePng(input.pixels, input.width, input.height, channels), mapBox: (box) => box, size: [input.width, input.height], mapLabels: (l) => l };
  }
  const pixels = output.fit.maskBackground ? maskOutside(input.pixels, input.ids, channels) : input.pixels;
  const fitted = fitToCanvas(pixels, input, channels, output.fit);
  const written = output.fit.sharpen ? sharpen(fitted.pixels, fitted.width, fitted.height, channels, output.fit.sharpen) : fitted.pixels;
  const { x0, y0, scaleX, scaleY, left, top } = fitted.placement;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    png: await encodePng(written, fitted.width, fitted.height, channels),
    mapBox: ([x, y, w, h]) => [round(left + (x - x0) * scaleX), round(top + (y - y0) * scaleY), round(w * scaleX), round(h * scaleY)],
    size: [fitted.width, fitted.height],
    mapLabels: (labels) => placeNearest(labels, input.width, fitted.width, fitted.placement),
  };
}

function placeNearest<T extends Uint8Array | Uint16Array>(labels: T, width: number, canvas: number, p: Placement): T {
  const out = new (labels.constructor as new (n: number) => T)(canvas * canvas);
  for (let v = 0; v < p.fh; v++) {
    const sy = Math.min(p.y0 + p.ch - 1, p.y0 + Math.floor((v + 0.5) / p.scaleY));
    for (let u = 0; u < p.fw; u++) {
      const sx = Math.min(p.x0 + p.cw - 1, p.x0 + Math.floor((u + 0.5) / p.scaleX));
      out[(p.top + v) * canvas + p.left + u] = labels[sy * width + sx]!;
    }
  }
  return out;
}

interface Placement {
  x0: number; y0: number; cw: number; ch: number; fw: number; fh: number;
  scaleX: number; scaleY: number; left: number; top: number;
}

export function outputChannels(output: Output): 1 | 3 {
  return output.colour === 'grey' ? 1 : 3;
}

/** Blacks out the background; on a copy, since the caller's pixels may be a view it still needs. */
function maskOutside(pixels: Buffer, ids: Uint8Array, channels: number): Buffer {
  const masked = Buffer.from(pixels);
  for (let i = 0; i < ids.length; i++) if (ids[i] === 0) masked.fill(0, i * channels, (i + 1) * channels);
  return masked;
}

/**
 * Crops to the objects (plus padding), scales the crop to fit in fit.box × fit.box keeping its aspect
 * ratio, and places it on a black fit.canvas square with its centre of mass (or box centre) at the
 * centre, as MNIST was made. Frames with no visible object are scaled whole onto the canvas.
 */
function fitToCanvas(pixels: Buffer, input: EncodeInput, channels: number, fit: Fit) {
  const { width, height } = input;
  let [x0, y0, x1, y1] = [0, 0, width, height];
  if (input.objectBox) {
    const [bx, by, bw, bh] = input.objectBox;
    x0 = Math.max(0, Math.floor(bx - fit.padding));
    y0 = Math.max(0, Math.floor(by - fit.padding));
    x1 = Math.min(width, Math.ceil(bx + bw + fit.padding));
    y1 = Math.min(height, Math.ceil(by + bh + fit.padding));
  }
  const [cw, ch] = [x1 - x0, y1 - y0];
  const scale = fit.box / Math.max(cw, ch);
  const fw = Math.max(1, Math.min(fit.box, Math.round(cw * scale)));
  const fh = Math.max(1, Math.min(fit.box, Math.round(ch * scale)));
  const crop = Buffer.allocUnsafe(cw * ch * channels);
  for (let y = 0; y < ch; y++) pixels.copy(crop, y * cw * channels, ((y0 + y) * width + x0) * channels, ((y0 + y) * width + x1) * channels);
  const fitted = resample(crop, cw, ch, channels, fw, fh);

  const [cx, cy] = fit.centre === 'mass' ? centreOfMass(fitted, fw, fh, channels) : [fw / 2, fh / 2];
  const n = fit.canvas;
  const left = clamp(Math.round(n / 2 - cx), 0, n - fw);
  const top = clamp(Math.round(n / 2 - cy), 0, n - fh);
  const canvas = Buffer.alloc(n * n * channels);
  for (let y = 0; y < fh; y++) {
    fitted.copy(canvas, ((top + y) * n + left) * channels, y * fw * channels, (y + 1) * fw * channels);
  }
  const placement: Placement = { x0, y0, cw, ch, fw, fh, scaleX: fw / cw, scaleY: fh / ch, left, top };
  return { pixels: canvas, width: n, height: n, placement };
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
