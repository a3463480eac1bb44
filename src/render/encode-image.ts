import sharp from 'sharp';
import type { Box } from '../label/index.js';
import type { SceneSpec } from './scene-schema.js';

type Output = SceneSpec['output'];
type Fit = NonNullable<Output['fit']>;

export interface EncodeInput {
  rgba: Uint8Array;
  /** Instance ids, one byte per pixel (0 = background). */
  ids: Uint8Array;
  width: number;
  height: number;
  /** Tight box around all labelled objects, or null when none is visible. */
  objectBox: Box | null;
}

/** The PNG written for a rendered frame, following the scene's `output` settings. */
export async function encodeImage(input: EncodeInput, output: Output): Promise<Buffer> {
  const channels = output.colour === 'grey' ? 1 : 3;
  let pixels = toChannels(input.rgba, output.colour === 'grey' ? 1 : 3);
  let [width, height] = [input.width, input.height];
  if (output.fit) {
    if (output.fit.maskBackground) maskOutside(pixels, input.ids, channels);
    ({ pixels, width, height } = await fitToCanvas(pixels, input, channels, output.fit));
  }
  const image = sharp(pixels, { raw: { width, height, channels } });
  // sharp widens one-channel input to sRGB unless told to keep it grey.
  if (channels === 1) image.toColourspace('b-w');
  return image.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
}

/** RGB or grey (ITU-R BT.601 luma, as PIL and OpenCV compute it) from RGBA. */
function toChannels(rgba: Uint8Array, channels: 1 | 3): Buffer {
  const n = rgba.length / 4;
  const out = Buffer.allocUnsafe(n * channels);
  for (let i = 0; i < n; i++) {
    const r = rgba[i * 4]!, g = rgba[i * 4 + 1]!, b = rgba[i * 4 + 2]!;
    if (channels === 1) out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else { out[i * 3] = r; out[i * 3 + 1] = g; out[i * 3 + 2] = b; }
  }
  return out;
}

function maskOutside(pixels: Buffer, ids: Uint8Array, channels: number): void {
  for (let i = 0; i < ids.length; i++) if (ids[i] === 0) pixels.fill(0, i * channels, (i + 1) * channels);
}

/**
 * Crops to the objects (plus padding), scales the crop to fit in fit.box × fit.box keeping its aspect
 * ratio, and places it on a black fit.canvas square with its centre of mass (or box centre) at the
 * centre, as MNIST was made. Frames with no visible object are scaled whole onto the canvas.
 */
async function fitToCanvas(pixels: Buffer, input: EncodeInput, channels: number, fit: Fit) {
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
  const resize = sharp(pixels, { raw: { width, height, channels: channels as 1 | 3 } })
    .extract({ left: x0, top: y0, width: cw, height: ch })
    .resize(fw, fh, { fit: 'fill', kernel: 'lanczos3' });
  if (channels === 1) resize.extractChannel(0);
  const fitted = await resize.raw().toBuffer();

  const [cx, cy] = fit.centre === 'mass' ? centreOfMass(fitted, fw, fh, channels) : [fw / 2, fh / 2];
  const n = fit.canvas;
  const left = clamp(Math.round(n / 2 - cx), 0, n - fw);
  const top = clamp(Math.round(n / 2 - cy), 0, n - fh);
  const canvas = Buffer.alloc(n * n * channels);
  for (let y = 0; y < fh; y++) {
    fitted.copy(canvas, ((top + y) * n + left) * channels, y * fw * channels, (y + 1) * fw * channels);
  }
  return { pixels: canvas, width: n, height: n };
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
