/**
 * Resizes interleaved 8-bit pixels. Shrinking averages each output pixel's exact footprint in the
 * source (area resampling, like OpenCV's INTER_AREA: no aliasing, no ringing); enlarging
 * interpolates bilinearly. Done in JS because, for the small images synth writes, the per-call
 * overhead of a native pipeline costs more than the arithmetic.
 */
export function resample(src: Uint8Array, width: number, height: number, channels: number, outWidth: number, outHeight: number): Buffer {
  const xs = axisWeights(width, outWidth);
  const ys = axisWeights(height, outHeight);
  const rows = new Float32Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    for (let ox = 0; ox < outWidth; ox++) {
      const { start, weights } = xs[ox]!;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < weights.length; k++) sum += weights[k]! * src[(y * width + start + k) * channels + c]!;
        rows[(y * outWidth + ox) * channels + c] = sum;
      }
    }
  }
  const out = Buffer.allocUnsafe(outWidth * outHeight * channels);
  for (let oy = 0; oy < outHeight; oy++) {
    const { start, weights } = ys[oy]!;
    for (let i = 0; i < outWidth * channels; i++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k]! * rows[(start + k) * outWidth * channels + i]!;
      out[oy * outWidth * channels + i] = Math.min(255, Math.max(0, Math.round(sum)));
    }
  }
  return out;
}

interface Taps {
  start: number;
  weights: number[];
}

/** For each output index, the source indices it reads (from `start`) and their weights, summing to 1. */
function axisWeights(size: number, outSize: number): Taps[] {
  const scale = size / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    if (scale <= 1) {
      const x = Math.min(size - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const x0 = Math.floor(x);
      const t = x - x0;
      return x0 + 1 < size && t > 0 ? { start: x0, weights: [1 - t, t] } : { start: x0, weights: [1] };
    }
    const from = o * scale;
    const to = from + scale;
    const start = Math.floor(from);
    const end = Math.min(size, Math.ceil(to));
    const weights: number[] = [];
    for (let i = start; i < end; i++) weights.push((Math.min(to, i + 1) - Math.max(from, i)) / scale);
    return { start, weights };
  });
}
