import type { AugmentParams, AutocontrastParams, HueSaturationParams } from '../augment-params.js';
import { type Raster, clamped } from './raster.js';

/**
 * The per-value tone curve of brightness/contrast then gamma, as a 256-entry table (rounded once,
 * at the end), or undefined when neither fired. A table lets the warp apply it for free.
 */
export function toneLut(params: Pick<AugmentParams, 'brightnessContrast' | 'gamma'>): Uint8Array | undefined {
  const { brightnessContrast: bc, gamma } = params;
  if (!bc && !gamma) return undefined;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    let x = v;
    if (bc) x = Math.min(255, Math.max(0, x * bc.contrast + bc.brightness));
    if (gamma) x = 255 * Math.pow(x / 255, gamma.gamma);
    lut[v] = Math.min(255, Math.max(0, Math.round(x)));
  }
  return lut;
}

export function applyLut(image: Raster, lut: Uint8Array): void {
  const px = image.pixels;
  for (let i = 0; i < px.length; i++) px[i] = lut[px[i]!]!;
}

/** Hue shift (degrees) and saturation/value factors in HSV, in place. Grey images only take the value factor. */
export function hueSaturation(image: Raster, params: HueSaturationParams): void {
  const px = image.pixels;
  const out = clamped(px);
  const { saturation, value } = params;
  if (image.channels !== 3) {
    for (let i = 0; i < px.length; i++) out[i] = px[i]! * value;
    return;
  }
  const shift = ((((params.hue % 360) + 360) % 360) / 60);
  for (let i = 0; i < px.length; i += 3) {
    const r = px[i]!, g = px[i + 1]!, b = px[i + 2]!;
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    const delta = max - min;
    let h = 0;
    if (delta > 0) {
      if (max === r) h = (g - b) / delta;
      else if (max === g) h = 2 + (b - r) / delta;
      else h = 4 + (r - g) / delta;
      h += shift;
      h = h < 0 ? h + 6 : h >= 6 ? h - 6 : h;
    }
    const v = Math.min(255, max * value);
    const s = max === 0 ? 0 : Math.min(1, (delta / max) * saturation);
    const c = v * s;
    const x = c * (1 - Math.abs((h % 2) - 1));
    const m = v - c;
    let rr: number, gg: number, bb: number;
    if (h < 1) [rr, gg, bb] = [c, x, 0];
    else if (h < 2) [rr, gg, bb] = [x, c, 0];
    else if (h < 3) [rr, gg, bb] = [0, c, x];
    else if (h < 4) [rr, gg, bb] = [0, x, c];
    else if (h < 5) [rr, gg, bb] = [x, 0, c];
    else [rr, gg, bb] = [c, 0, x];
    out[i] = rr + m;
    out[i + 1] = gg + m;
    out[i + 2] = bb + m;
  }
}

/** Rec. 601 luma written to every channel, in place (grey images are unchanged). */
export function greyscale(image: Raster): void {
  if (image.channels !== 3) return;
  const px = image.pixels;
  const out = clamped(px);
  for (let i = 0; i < px.length; i += 3) {
    const y = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
    out[i] = y;
    out[i + 1] = y;
    out[i + 2] = y;
  }
}

/**
 * Scales every value by one factor so that the given percentile of the non-black values becomes
 * `level`, clipped, in place: dim ink made as bright as the target's, whatever the image's own
 * lighting. Black (0) pixels do not count, so the result does not depend on how much background an
 * image has. An all-black image is unchanged.
 */
export function autocontrast(image: Raster, params: AutocontrastParams): void {
  const px = image.pixels;
  const histogram = new Uint32Array(256);
  for (let i = 0; i < px.length; i++) histogram[px[i]!]!++;
  const n = px.length - histogram[0]!;
  if (n === 0) return;
  const rank = Math.max(1, Math.ceil((params.percentile / 100) * n));
  let v = 1;
  for (let seen = histogram[1]!; seen < rank; seen += histogram[++v]!);
  const factor = params.level / v;
  const out = clamped(px);
  for (let i = 0; i < px.length; i++) out[i] = px[i]! * factor;
}
