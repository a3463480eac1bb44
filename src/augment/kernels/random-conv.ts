import type { RandomConvolutionParams } from '../augment-params.js';
import { FieldRandom } from './field-random.js';
import { type Raster, borderIndex, clamped, scratchFloats } from './raster.js';

/**
 * RandConv (Xu et al., ICLR 2021): the image filtered by a random k×k convolution across its
 * channels, weights drawn from N(0, 1/(k²·C)), which randomises local texture and contrast while the
 * shapes stay. The response is scaled per channel to the input's spread and negative responses
 * clipped, so a black ground stays black; then `mix` of the original is blended back in.
 */
export function randomConvolution(image: Raster, params: RandomConvolutionParams): void {
  const { width: W, height: H, channels: C } = image;
  const K = params.kernel;
  const r = (K - 1) / 2;
  const px = image.pixels;
  const n = W * H * C;
  const random = new FieldRandom(params.seed);
  const scale = 1 / Math.sqrt(K * K * C);
  const weights = Float64Array.from({ length: C * C * K * K }, () => random.normal() * scale);
  const out = scratchFloats(0, n);
  // Reflected neighbour offsets, once per call: rows[y·K + k] is the row start of y + k - r.
  const rows = Int32Array.from({ length: H * K }, (_, i) => borderIndex(Math.floor(i / K) + (i % K) - r, H, 'reflect') * W * C);
  const cols = Int32Array.from({ length: W * K }, (_, i) => borderIndex(Math.floor(i / K) + (i % K) - r, W, 'reflect') * C);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      for (let co = 0; co < C; co++) {
        let sum = 0;
        let w = co * C * K * K;
        for (let ci = 0; ci < C; ci++) {
          for (let ky = 0; ky < K; ky++) {
            const row = rows[y * K + ky]! + ci;
            for (let kx = 0; kx < K; kx++) sum += weights[w++]! * px[row + cols[x * K + kx]!]!;
          }
        }
        out[(y * W + x) * C + co] = sum;
      }
    }
  }
  const dst = clamped(px);
  for (let c = 0; c < C; c++) {
    const spread = (values: ArrayLike<number>) => {
      let s = 0, s2 = 0;
      for (let i = c; i < n; i += C) { s += values[i]!; s2 += values[i]! * values[i]!; }
      const m = s / (n / C);
      return Math.sqrt(Math.max(0, s2 / (n / C) - m * m));
    };
    const inSpread = spread(px);
    const outSpread = spread(out);
    const gain = outSpread > 0 ? inSpread / outSpread : 0;
    for (let i = c; i < n; i += C) dst[i] = params.mix * px[i]! + (1 - params.mix) * Math.max(0, out[i]! * gain);
  }
}
