import { gaussianWeights } from '../augment/kernels/blur.js';

/**
 * Unsharp masking of a fitted image, as Fashion-MNIST's own pipeline sharpened its downscaled
 * photos: each channel plus `amount` × (itself - its Gaussian blur of `sigma` pixels). Background
 * pixels (all channels 0) stay black and object pixels stay at least 1, so the mask is kept.
 */
export interface SharpenSpec {
  amount: number;
  sigma: number;
}

export function sharpen(pixels: Buffer, width: number, height: number, channels: number, s: SharpenSpec): Buffer {
  const weights = gaussianWeights(2 * Math.ceil(3 * s.sigma) + 1, s.sigma);
  const blurred = blurAxis(blurAxis(Float32Array.from(pixels), width, height, channels, weights, 1, 0), width, height, channels, weights, 0, 1);
  const out = Buffer.alloc(pixels.length);
  for (let p = 0; p < width * height; p++) {
    let background = true;
    for (let c = 0; c < channels; c++) if (pixels[p * channels + c] !== 0) background = false;
    if (background) continue;
    for (let c = 0; c < channels; c++) {
      const i = p * channels + c;
      out[i] = Math.round(Math.min(255, Math.max(1, pixels[i]! + s.amount * (pixels[i]! - blurred[i]!))));
    }
  }
  return out;
}

/** One pass of a separable blur along x (dx = 1) or y (dy = 1), clamping at the edges. */
function blurAxis(v: Float32Array, width: number, height: number, channels: number, weights: Float64Array, dx: number, dy: number): Float32Array {
  const r = (weights.length - 1) / 2;
  const out = new Float32Array(v.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = -r; k <= r; k++) {
          const xx = Math.min(width - 1, Math.max(0, x + k * dx)), yy = Math.min(height - 1, Math.max(0, y + k * dy));
          sum += weights[k + r]! * v[(yy * width + xx) * channels + c]!;
        }
        out[(y * width + x) * channels + c] = sum;
      }
    }
  }
  return out;
}
