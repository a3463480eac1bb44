import type { ElasticParams } from '../augment-params.js';
import { FieldRandom } from './field-random.js';
import type { DisplacementField } from './warp.js';

/** Mean of Σ B(t − k)² for the cubic B-spline over t, squared for 2-D: the variance left after interpolating unit normals. */
const SPLINE_VARIANCE_2D = (151 / 315) ** 2;

/**
 * A smooth random field with standard deviation ≈ 1: unit normals on a grid of control points
 * `spacing` pixels apart, interpolated with the cubic B-spline (smooth to the second derivative).
 * Cost is a few operations per pixel whatever the spacing, unlike smoothing a per-pixel field
 * with a wide Gaussian.
 */
export function smoothField(width: number, height: number, spacing: number, random: FieldRandom, out: Float32Array = new Float32Array(width * height)): Float32Array {
  const step = Math.max(1, spacing);
  const gw = Math.floor((width - 1) / step) + 4;
  const gh = Math.floor((height - 1) / step) + 4;
  const scale = 1 / Math.sqrt(SPLINE_VARIANCE_2D);
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = random.normal() * scale;

  const [bx, wx] = splineTaps(width, step);
  const [by, wy] = splineTaps(height, step);
  // Along x for every control row, then along y.
  const rows = new Float32Array(gh * width);
  for (let g = 0; g < gh; g++) {
    for (let x = 0; x < width; x++) {
      const k = g * gw + bx[x]!;
      const w = x * 4;
      rows[g * width + x] = wx[w]! * grid[k]! + wx[w + 1]! * grid[k + 1]! + wx[w + 2]! * grid[k + 2]! + wx[w + 3]! * grid[k + 3]!;
    }
  }
  for (let y = 0; y < height; y++) {
    const k = by[y]! * width;
    const w = y * 4;
    const [w0, w1, w2, w3] = [wy[w]!, wy[w + 1]!, wy[w + 2]!, wy[w + 3]!];
    for (let x = 0; x < width; x++) {
      out[y * width + x] = w0 * rows[k + x]! + w1 * rows[k + width + x]! + w2 * rows[k + 2 * width + x]! + w3 * rows[k + 3 * width + x]!;
    }
  }
  return out;
}

/** For each pixel along an axis: the first of its four control points and their B-spline weights. */
function splineTaps(n: number, step: number): [Int32Array, Float32Array] {
  const base = new Int32Array(n);
  const weights = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const t = i / step + 1;
    const k = Math.floor(t);
    const u = t - k;
    base[i] = k - 1;
    weights[i * 4] = ((1 - u) ** 3) / 6;
    weights[i * 4 + 1] = (3 * u ** 3 - 6 * u ** 2 + 4) / 6;
    weights[i * 4 + 2] = (-3 * u ** 3 + 3 * u ** 2 + 3 * u + 1) / 6;
    weights[i * 4 + 3] = u ** 3 / 6;
  }
  return [base, weights];
}

/**
 * A cubic B-spline through control points `s` apart is close to white noise smoothed by a
 * Gaussian of standard deviation 0.58·s, so control points 1.75·sigma apart give the smoothness
 * of Simard et al.'s Gaussian-filtered field with that sigma.
 */
const SPACING_PER_SIGMA = 1.75;

/**
 * The elastic displacement of every output pixel: two smooth fields scaled to `alpha` pixels of
 * standard deviation. (Simard's α = 34, σ = 4 on 28×28 digits is about alpha 1.4, sigma 4 here.)
 */
export function elasticField(params: ElasticParams, width: number, height: number): DisplacementField {
  const spacing = SPACING_PER_SIGMA * params.sigma;
  const dx = smoothField(width, height, spacing, new FieldRandom(params.seed, 0));
  const dy = smoothField(width, height, spacing, new FieldRandom(params.seed, 1));
  for (let i = 0; i < dx.length; i++) {
    dx[i]! *= params.alpha;
    dy[i]! *= params.alpha;
  }
  return { dx, dy };
}
