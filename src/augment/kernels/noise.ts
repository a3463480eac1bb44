import type { GaussianNoiseParams, SaltPepperParams } from '../augment-params.js';
import { FieldRandom, NORMAL_MASK, NORMAL_SHIFT, normalTable } from './field-random.js';
import type { Raster } from './raster.js';
import { WasmKernels } from './wasm-kernels.js';

let zTable: Int16Array | undefined;

/**
 * The normal table in fixed point, round(z · 4096). A noise value is z · std rounded to a whole
 * grey level, computed as (zq · sq + 2^15) >> 16 with sq = noiseScale(std) = round(16 · std): the
 * same integers in JavaScript and wasm, and no table to build per std.
 */
export function noiseZ(): Int16Array {
  zTable ??= Int16Array.from(normalTable(), (z) => Math.round(z * 4096));
  return zTable;
}

export function noiseScale(std: number): number {
  return Math.round(std * 16);
}

/** A noise stream as the kernels take it: the z table, the std in fixed point, and the xorshift32 state. */
export interface NoiseStream {
  z: Int16Array;
  scale: number;
  state: number;
}

export function noiseStream(params: GaussianNoiseParams): NoiseStream {
  return { z: noiseZ(), scale: noiseScale(params.std), state: noiseState(params.seed) };
}

/** The first state of a noise stream (xorshift32, never 0). */
export function noiseState(seed: number): number {
  return new FieldRandom(seed).raw | 0;
}

/**
 * Adds zero-mean normal noise in place, per channel value or (perChannel false) one value per
 * pixel for all its channels. Per channel, value k takes the top (k even) or bottom (k odd)
 * NORMAL_BITS bits of draw ⌊k/2⌋ of the seed's xorshift32 stream, scaled as noiseZ says;
 * gaussianBlur's fused path follows the same order, so both give the same bytes.
 */
export function gaussianNoise(image: Raster, params: GaussianNoiseParams): void {
  const px = image.pixels;
  const C = image.channels;
  const n = px.length;
  const { z, scale, state } = noiseStream(params);
  if (params.perChannel || C === 1) {
    const wasm = WasmKernels.get();
    if (wasm) {
      wasm.addNoise(image, { z, scale, state });
      return;
    }
  }
  // The generator is inlined: this loop runs once per value.
  let x = state;
  if (params.perChannel || C === 1) {
    let i = 0;
    for (; i + 1 < n; i += 2) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      const a = px[i]! + ((z[x >>> NORMAL_SHIFT]! * scale + 32768) >> 16);
      px[i] = a < 0 ? 0 : a > 255 ? 255 : a;
      const b = px[i + 1]! + ((z[x & NORMAL_MASK]! * scale + 32768) >> 16);
      px[i + 1] = b < 0 ? 0 : b > 255 ? 255 : b;
    }
    if (i < n) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      const a = px[i]! + ((z[x >>> NORMAL_SHIFT]! * scale + 32768) >> 16);
      px[i] = a < 0 ? 0 : a > 255 ? 255 : a;
    }
  } else {
    for (let i = 0; i < n; i += C) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      const v = (z[x >>> NORMAL_SHIFT]! * scale + 32768) >> 16;
      for (let c = 0; c < C; c++) {
        const a = px[i + c]! + v;
        px[i + c] = a < 0 ? 0 : a > 255 ? 255 : a;
      }
    }
  }
}

/** Sets a random `amount` of pixels to white (a `salt` share of them) or black, in place. */
export function saltPepper(image: Raster, params: SaltPepperParams): void {
  const px = image.pixels;
  const C = image.channels;
  const random = new FieldRandom(params.seed);
  const hit = params.amount * 4294967296;
  const white = params.salt * 4294967296;
  for (let i = 0; i < px.length; i += C) {
    if (random.next() >= hit) continue;
    const v = random.next() < white ? 255 : 0;
    for (let c = 0; c < C; c++) px[i + c] = v;
  }
}
