/**
 * Random fields expanded from a parameter object's 32-bit seed (noise, elastic control points,
 * raindrops). A tiny xorshift32 stream: fast enough to draw one number per pixel channel, and a
 * pure function of the seed, so applying an augmentation stays deterministic. The seed itself is
 * drawn from synth's Rng when parameters are sampled.
 */
export class FieldRandom {
  private state: number;

  constructor(seed: number, stream = 0) {
    // splitmix32-style scrambling, so neighbouring seeds start far apart and the state is never 0.
    let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) >>> 0;
    this.state = h === 0 ? 0x6d2b79f5 : h;
  }

  /** Next raw 32-bit value (unsigned). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return x >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Standard normal, quantised to one of NORMAL_TABLE_SIZE equiprobable values (|z| < 3.9). */
  normal(): number {
    return normalTable()[this.next() >>> NORMAL_SHIFT]!;
  }

  /** Gives the raw state, for kernels that inline the generator in their loop. */
  get raw(): number {
    return this.state;
  }

  set raw(value: number) {
    this.state = value === 0 ? 0x6d2b79f5 : value;
  }
}

export const NORMAL_BITS = 13;
export const NORMAL_SHIFT = 32 - NORMAL_BITS;
export const NORMAL_MASK = (1 << NORMAL_BITS) - 1;
const NORMAL_TABLE_SIZE = 1 << NORMAL_BITS;
let table: Float32Array | undefined;

/** Quantiles of the standard normal at (k + ½) / size: a table small enough to stay in L1 cache. */
export function normalTable(): Float32Array {
  if (table === undefined) {
    table = new Float32Array(NORMAL_TABLE_SIZE);
    for (let k = 0; k < NORMAL_TABLE_SIZE; k++) table[k] = inverseNormal((k + 0.5) / NORMAL_TABLE_SIZE);
  }
  return table;
}

/** Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
