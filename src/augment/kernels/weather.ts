import type { FogParams, RainParams, SnowParams } from '../augment-params.js';
import { FieldRandom } from './field-random.js';
import { type Raster, clamped, scratchFloats } from './raster.js';
import { smoothField } from './smooth-field.js';

/** Fog: a blend towards a grey level whose opacity varies smoothly around `density` over the image. */
export function fog(image: Raster, params: FogParams): void {
  const { width: W, height: H, channels: C } = image;
  const f = smoothField(W, H, Math.max(W, H) / 3, new FieldRandom(params.seed), scratchFloats(1, W * H));
  const px = image.pixels;
  const out = clamped(px);
  for (let i = 0; i < W * H; i++) {
    const a = Math.min(1, Math.max(0, params.density * (1 + 0.35 * f[i]!)));
    for (let c = 0; c < C; c++) out[i * C + c] = px[i * C + c]! + a * (params.colour - px[i * C + c]!);
  }
}

const RAIN_LEVEL = 200;

/** Rain: thin light streaks of about `length` pixels, slanted by `angle` degrees from vertical. */
export function rain(image: Raster, params: RainParams): void {
  const { width: W, height: H } = image;
  const cover = coverage(W, H);
  const random = new FieldRandom(params.seed);
  const t = (params.angle * Math.PI) / 180;
  const ux = Math.sin(t), uy = Math.cos(t);
  for (let k = 0; k < params.drops; k++) {
    const length = params.length * (0.6 + 0.8 * random.float());
    const x0 = -length * ux + random.float() * (W + 2 * length * Math.abs(ux));
    const y0 = -length + random.float() * (H + length);
    const steps = Math.max(1, Math.ceil(length * 2));
    for (let s = 0; s <= steps; s++) {
      const d = (s / steps) * length;
      splat(cover, W, H, x0 + d * ux, y0 + d * uy, 0.6);
    }
  }
  blendTowards(image, cover, RAIN_LEVEL, params.opacity);
}

/** Snow: soft white discs of about `size` pixels radius. */
export function snow(image: Raster, params: SnowParams): void {
  const { width: W, height: H } = image;
  const cover = coverage(W, H);
  const random = new FieldRandom(params.seed);
  for (let k = 0; k < params.flakes; k++) {
    const cx = random.float() * W, cy = random.float() * H;
    const r = params.size * (0.5 + random.float());
    const x0 = Math.max(0, Math.floor(cx - r - 1)), x1 = Math.min(W - 1, Math.ceil(cx + r + 1));
    const y0 = Math.max(0, Math.floor(cy - r - 1)), y1 = Math.min(H - 1, Math.ceil(cy + r + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const a = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x + 0.5 - cx, y + 0.5 - cy)));
        const i = y * W + x;
        if (a > cover[i]!) cover[i] = a;
      }
    }
  }
  blendTowards(image, cover, 255, params.opacity);
}

function coverage(W: number, H: number): Float32Array {
  const cover = scratchFloats(1, W * H);
  cover.fill(0, 0, W * H);
  return cover;
}

/** Adds `amount` of coverage around a point, bilinearly spread over its four nearest pixels, capped at 1. */
function splat(cover: Float32Array, W: number, H: number, x: number, y: number, amount: number): void {
  const fx = x - 0.5, fy = y - 0.5;
  const ix = Math.floor(fx), iy = Math.floor(fy);
  const ax = fx - ix, ay = fy - iy;
  const add = (px: number, py: number, w: number) => {
    if (px < 0 || py < 0 || px >= W || py >= H) return;
    const i = py * W + px;
    cover[i] = Math.min(1, cover[i]! + amount * w);
  };
  add(ix, iy, (1 - ax) * (1 - ay));
  add(ix + 1, iy, ax * (1 - ay));
  add(ix, iy + 1, (1 - ax) * ay);
  add(ix + 1, iy + 1, ax * ay);
}

function blendTowards(image: Raster, cover: Float32Array, level: number, opacity: number): void {
  const { width: W, height: H, channels: C } = image;
  const px = image.pixels;
  const out = clamped(px);
  for (let i = 0; i < W * H; i++) {
    const a = cover[i]! * opacity;
    if (a === 0) continue;
    for (let c = 0; c < C; c++) out[i * C + c] = px[i * C + c]! + a * (level - px[i * C + c]!);
  }
}
