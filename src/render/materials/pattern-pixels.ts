/**
 * Pixels of procedural patterns and gradients, as RGBA bytes with rows bottom-up (the order WebGL
 * textures take). Pure functions of the concrete values, shared by the page and by tests: the same
 * frame gives the same bytes. They run per frame in the page, so the loops allocate nothing.
 */
import type { FramePattern, PatternType } from './pattern.js';

/** Side of a material's pattern tile in texels. */
export const TILE_SIZE = 64;

/** Pattern periods one tile holds: noise needs several for its repeats not to show. */
export const TILE_PERIODS: Record<PatternType, number> = { noise: 4, stripes: 1, checker: 1, plaid: 1 };

const NOISE_OCTAVES = 4;
const DEG = Math.PI / 180;

/** Pattern coordinates (in periods) of texel centres: u = u0 + ux·x + uy·y, and likewise v. */
interface TexelMap {
  u0: number; ux: number; uy: number;
  v0: number; vx: number; vy: number;
}

/** One tile of the pattern that repeats seamlessly (three.js repeats and turns it on the surface). */
export function patternTile(p: FramePattern, out: Uint8Array, size = TILE_SIZE): void {
  const step = TILE_PERIODS[p.type] / size;
  const map = { u0: step / 2, ux: step, uy: 0, v0: step / 2, vx: 0, vy: step };
  shade(patternValues(p, size, size, map, TILE_PERIODS[p.type]), p, out);
}

/**
 * The pattern as seen across a whole image (backgrounds): `scale` periods across the image width,
 * turned by `angle` about the image centre. `aspect` is the image's height / width.
 */
export function patternView(p: FramePattern, out: Uint8Array, width: number, height: number, aspect: number): void {
  const c = Math.cos(p.angle * DEG) * p.scale, s = Math.sin(p.angle * DEG) * p.scale;
  // Image coordinates in image widths from the centre, y up; turned by -angle into the pattern's.
  const px0 = 0.5 / width - 0.5, pxx = 1 / width;
  const py0 = (0.5 / height - 0.5) * aspect, pyy = aspect / height;
  const map = { u0: px0 * c + py0 * s, ux: pxx * c, uy: pyy * s, v0: -px0 * s + py0 * c, vx: -pxx * s, vy: pyy * c };
  shade(patternValues(p, width, height, map, 0), p, out);
}

/** A linear gradient from colours[0] to colours[1] along `angle` (degrees counter-clockwise from +x), spanning the image corner to corner. */
export function gradientView(colours: readonly [string, string], angle: number, out: Uint8Array, width: number, height: number, aspect: number): void {
  const c = Math.cos(angle * DEG), s = Math.sin(angle * DEG);
  const extent = Math.abs(c) + Math.abs(s) * aspect;
  const values = new Float32Array(width * height);
  for (let y = 0, i = 0; y < height; y++) {
    const along = 0.5 + (((y + 0.5) / height - 0.5) * aspect * s) / extent;
    for (let x = 0; x < width; x++, i++) values[i] = along + (((x + 0.5) / width - 0.5) * c) / extent;
  }
  mix(values, colours, 1, out);
}

/**
 * The pattern's value in [0, 1] at one point (u, v), in periods: stripes vary along v (so they run
 * along u), a checker period is two squares each way, a plaid period is a broad band and two thin
 * lines each way (the two directions averaged, so crossings are darkest), noise is fractal value noise with one lattice
 * cell per period, repeating every `wrap` periods when wrap > 0. The seed picks the noise and the phase.
 */
export function patternValue(type: PatternType, seed: number, u: number, v: number, wrap: number): number {
  const values = patternValues({ type, seed }, 1, 1, { u0: u, ux: 0, uy: 0, v0: v, vx: 0, vy: 0 }, wrap);
  return values[0]!;
}

/**
 * Values of every texel. Stripes and checkers are box-filtered over each texel's footprint (exactly,
 * from the square wave's integral), so their edges are smooth at any scale and angle.
 */
function patternValues(p: Pick<FramePattern, 'type' | 'seed'>, width: number, height: number, m: TexelMap, wrap: number): Float32Array {
  const values = new Float32Array(width * height);
  if (p.type === 'noise') {
    fractalNoise(values, width, height, m, wrap, p.seed);
    return values;
  }
  const phaseU = lattice(p.seed, 1, 0x51ed27), phaseV = lattice(p.seed, 2, 0x51ed27);
  const wu = Math.abs(m.ux) + Math.abs(m.uy), wv = Math.abs(m.vx) + Math.abs(m.vy);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const v = m.v0 + m.vx * x + m.vy * y + phaseV;
      const b = squareWave(v, wv);
      if (p.type === 'stripes') {
        values[i] = b;
      } else if (p.type === 'plaid') {
        const u = m.u0 + m.ux * x + m.uy * y + phaseU;
        values[i] = (plaidBands(u, wu) + plaidBands(v, wv)) / 2;
      } else {
        const a = squareWave(m.u0 + m.ux * x + m.uy * y + phaseU, wu);
        values[i] = a + b - 2 * a * b;
      }
    }
  }
  return values;
}

/** A square wave (0 for the first half of each period, 1 for the second) averaged over [x - w/2, x + w/2]. */
function squareWave(x: number, w: number): number {
  if (w < 1e-6) return x - Math.floor(x) < 0.5 ? 0 : 1;
  return (waveIntegral(x + w / 2) - waveIntegral(x - w / 2)) / w;
}

/** One direction of a plaid: a broad band (half the period) and thin lines at twice the frequency, box-filtered like squareWave. */
function plaidBands(x: number, w: number): number {
  return 0.65 * squareWave(x, w) + 0.35 * pulseWave(2 * x + 0.2, 2 * w, PLAID_LINE);
}

/** Width of a plaid's thin lines, as a fraction of their spacing. */
const PLAID_LINE = 0.16;

/** A pulse wave (1 for the first `duty` of each period, 0 after) averaged over [x - w/2, x + w/2]. */
function pulseWave(x: number, w: number, duty: number): number {
  if (w < 1e-6) return x - Math.floor(x) < duty ? 1 : 0;
  return (pulseIntegral(x + w / 2, duty) - pulseIntegral(x - w / 2, duty)) / w;
}

function pulseIntegral(x: number, duty: number): number {
  const whole = Math.floor(x);
  return whole * duty + Math.min(duty, x - whole);
}

function waveIntegral(x: number): number {
  const whole = Math.floor(x);
  return whole / 2 + Math.max(0, x - whole - 0.5);
}

/** Octaves of value noise, each with half the cell size and half the weight of the one before. */
function fractalNoise(values: Float32Array, width: number, height: number, m: TexelMap, wrap: number, seed: number): void {
  let total = 0;
  for (let octave = 0, k = 1, amplitude = 1; octave < NOISE_OCTAVES; octave++, k *= 2, amplitude /= 2) {
    addValueNoise(values, width, height, m, k, wrap * k, seed ^ Math.imul(octave + 1, 0x9e3779b1), amplitude);
    total += amplitude;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= total;
}

/**
 * Adds `amplitude` × value noise with lattice cells 1/k periods wide. The lattice values the texels
 * touch are hashed once into a table first: far fewer hashes than four per texel.
 */
function addValueNoise(values: Float32Array, width: number, height: number, m: TexelMap, k: number, wrap: number, salt: number, amplitude: number): void {
  const corners = [[0, 0], [width - 1, 0], [0, height - 1], [width - 1, height - 1]] as const;
  const us = corners.map(([x, y]) => (m.u0 + m.ux * x + m.uy * y) * k), vs = corners.map(([x, y]) => (m.v0 + m.vx * x + m.vy * y) * k);
  // A cell of margin each side: rounding can put a texel a hair beyond the corners' range.
  const i0 = Math.floor(Math.min(...us)) - 1, j0 = Math.floor(Math.min(...vs)) - 1;
  const columns = Math.floor(Math.max(...us)) + 3 - i0, rows = Math.floor(Math.max(...vs)) + 3 - j0;
  const table = new Float32Array(columns * rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      table[j * columns + i] = lattice(wrap > 0 ? mod(i0 + i, wrap) : i0 + i, wrap > 0 ? mod(j0 + j, wrap) : j0 + j, salt);
    }
  }
  for (let y = 0, t = 0; y < height; y++) {
    for (let x = 0; x < width; x++, t++) {
      const u = (m.u0 + m.ux * x + m.uy * y) * k, v = (m.v0 + m.vx * x + m.vy * y) * k;
      const iu = Math.floor(u), iv = Math.floor(v);
      const fu = smooth(u - iu), fv = smooth(v - iv);
      const at = (iv - j0) * columns + (iu - i0);
      const a = table[at]!, b = table[at + 1]!, c = table[at + columns]!, d = table[at + columns + 1]!;
      const bottom = a + (b - a) * fu, top = c + (d - c) * fu;
      values[t]! += amplitude * (bottom + (top - bottom) * fv);
    }
  }
}

/** A hash of integer lattice coordinates to [0, 1). */
function lattice(i: number, j: number, salt: number): number {
  let h = Math.imul(i | 0, 0x27d4eb2d) ^ Math.imul(j | 0, 0x165667b1) ^ Math.imul(salt | 0, 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Noise is stretched to span [0, 1] (fractal noise huddles around the middle), then mixed with contrast. */
function shade(values: Float32Array, p: FramePattern, out: Uint8Array): void {
  if (p.type === 'noise') {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const range = hi - lo;
    for (let i = 0; i < values.length; i++) values[i] = range > 0 ? (values[i]! - lo) / range : 0.5;
  }
  mix(values, p.colours, p.contrast, out);
}

/** RGBA bytes blending colours[0] (value 0) to colours[1] (value 1), pulled towards their mean by 1 - contrast. */
export function mix(values: Float32Array, colours: readonly [string, string], contrast: number, out: Uint8Array): void {
  const a = rgb(colours[0]), b = rgb(colours[1]);
  for (let i = 0, o = 0; i < values.length; i++, o += 4) {
    const t = 0.5 + (Math.min(1, Math.max(0, values[i]!)) - 0.5) * contrast;
    out[o] = Math.round(a[0] + (b[0] - a[0]) * t);
    out[o + 1] = Math.round(a[1] + (b[1] - a[1]) * t);
    out[o + 2] = Math.round(a[2] + (b[2] - a[2]) * t);
    out[o + 3] = 255;
  }
}

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}
