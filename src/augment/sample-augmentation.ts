import type { NumberDist } from '../render/distributions.js';
import { sampleNumber } from '../render/distributions.js';
import type { Rng } from '../rng.js';
import type { AugmentParams, Point, Rect } from './augment-params.js';
import type { AugmentRecipe } from './recipe.js';

export interface ImageSize {
  width: number;
  height: number;
}

export interface SampleOptions {
  /**
   * The images mixing transforms may draw partners from (a batch, or a whole dataset), as indices
   * 0..size-1; `self` (this image's index there) is never its own partner. Without a pool of at
   * least two images, mosaic, cutmix and mixup do not fire.
   */
  pool?: { size: number; self?: number | undefined } | undefined;
}

/**
 * Draws one image's augmentation parameters. Each transform draws from its own fork of `rng`
 * (`rng.fork('affine')`, …), so enabling, removing or reordering one transform never changes what
 * another draws. All randomness of an augmentation happens here.
 */
export function sampleAugmentation(recipe: AugmentRecipe, rng: Rng, size: ImageSize, options: SampleOptions = {}): AugmentParams {
  const { width: W, height: H } = size;
  const params: AugmentParams = { width: W, height: H, border: recipe.border, fill: recipe.fill, minVisibility: recipe.minVisibility };
  const fire = (name: keyof AugmentRecipe, spec: { p: number } | undefined): Rng | undefined => {
    if (spec === undefined || spec.p <= 0) return undefined;
    const r = rng.fork(name);
    return r.bool(spec.p) ? r : undefined;
  };
  const seed = (r: Rng) => r.int(0, 0xffffffff);
  const pool = options.pool;
  const canMix = pool !== undefined && pool.size - (pool.self === undefined ? 0 : 1) >= 1;
  const partner = (r: Rng): number => {
    const { size: n, self } = pool!;
    if (self === undefined) return r.int(0, n - 1);
    const k = r.int(0, n - 2);
    return k >= self ? k + 1 : k;
  };

  let r: Rng | undefined;
  if (canMix && (r = fire('mosaic', recipe.mosaic))) {
    const t = recipe.mosaic!;
    params.mosaic = { partners: [partner(r), partner(r), partner(r)], centre: [sampleNumber(t.centre, r) * W, sampleNumber(t.centre, r) * H] };
  }
  if (canMix && (r = fire('cutmix', recipe.cutmix))) {
    const area = sampleNumber(recipe.cutmix!.area, r) * W * H;
    const ratio = Math.exp(r.float(Math.log(0.5), Math.log(2)));
    const w = clampInt(Math.sqrt(area * ratio), 1, W);
    const h = clampInt(Math.sqrt(area / ratio), 1, H);
    params.cutmix = { partner: partner(r), rect: [r.int(0, W - w), r.int(0, H - h), w, h] };
  }
  if (canMix && (r = fire('mixup', recipe.mixup))) {
    params.mixup = { partner: partner(r), weight: clamp(sampleNumber(recipe.mixup!.weight, r), 0, 1) };
  }

  if ((r = fire('crop', recipe.crop))) params.crop = { rect: sampleCrop(recipe.crop!, r, W, H) };
  if ((r = fire('affine', recipe.affine))) {
    const t = recipe.affine!;
    const rotate = sampleNumber(t.rotate, r);
    const scale = sampleNumber(t.scale, r);
    const [tx, ty] = sampleXY(t.translate, r);
    const [sx, sy] = sampleXY(t.shear, r);
    params.affine = { rotate, scale, translate: [tx * W, ty * H], shear: [sx, sy] };
  }
  if ((r = fire('perspective', recipe.perspective))) {
    const s = sampleNumber(recipe.perspective!.strength, r);
    const inX = () => r!.float(0, s) * W;
    const inY = () => r!.float(0, s) * H;
    params.perspective = { corners: [[inX(), inY()], [W - inX(), inY()], [W - inX(), H - inY()], [inX(), H - inY()]] };
  }
  if (fire('hflip', recipe.hflip)) params.hflip = true;
  if (fire('vflip', recipe.vflip)) params.vflip = true;
  if ((r = fire('elastic', recipe.elastic))) {
    params.elastic = { alpha: sampleNumber(recipe.elastic!.alpha, r), sigma: sampleNumber(recipe.elastic!.sigma, r), seed: seed(r) };
  }

  if ((r = fire('brightnessContrast', recipe.brightnessContrast))) {
    const t = recipe.brightnessContrast!;
    // Drawn in the reference's order (contrast, then brightness).
    const contrast = sampleNumber(t.contrast, r);
    params.brightnessContrast = { contrast, brightness: sampleNumber(t.brightness, r) };
  }
  if ((r = fire('gamma', recipe.gamma))) params.gamma = { gamma: sampleNumber(recipe.gamma!.gamma, r) };
  if ((r = fire('hueSaturation', recipe.hueSaturation))) {
    const t = recipe.hueSaturation!;
    params.hueSaturation = { hue: sampleNumber(t.hue, r), saturation: sampleNumber(t.saturation, r), value: sampleNumber(t.value, r) };
  }
  if (fire('greyscale', recipe.greyscale)) params.greyscale = true;
  if ((r = fire('thickness', recipe.thickness))) params.thickness = { radius: sampleNumber(recipe.thickness!.radius, r) };
  if ((r = fire('autocontrast', recipe.autocontrast))) {
    const t = recipe.autocontrast!;
    params.autocontrast = { percentile: sampleNumber(t.percentile, r), level: sampleNumber(t.level, r) };
  }

  if ((r = fire('randomConvolution', recipe.randomConvolution))) {
    const t = recipe.randomConvolution!;
    const kernel = 2 * Math.round((sampleNumber(t.kernel, r) - 1) / 2) + 1;
    params.randomConvolution = { kernel: Math.max(1, kernel), mix: clamp(sampleNumber(t.mix, r), 0, 1), seed: seed(r) };
  }

  if ((r = fire('fog', recipe.fog))) params.fog = { density: sampleNumber(recipe.fog!.density, r), colour: recipe.fog!.colour, seed: seed(r) };
  if ((r = fire('rain', recipe.rain))) {
    const t = recipe.rain!;
    params.rain = {
      drops: Math.round(sampleNumber(t.drops, r) * W * H), length: sampleNumber(t.length, r) * H,
      angle: sampleNumber(t.angle, r), opacity: sampleNumber(t.opacity, r), seed: seed(r),
    };
  }
  if ((r = fire('snow', recipe.snow))) {
    const t = recipe.snow!;
    params.snow = { flakes: Math.round(sampleNumber(t.flakes, r) * W * H), size: sampleNumber(t.size, r), opacity: sampleNumber(t.opacity, r), seed: seed(r) };
  }

  if ((r = fire('gaussianBlur', recipe.gaussianBlur))) {
    const sigma = sampleNumber(recipe.gaussianBlur!.sigma, r);
    const kernel = recipe.gaussianBlur!.kernel || 2 * Math.ceil(3 * sigma) + 1;
    params.gaussianBlur = { sigma, kernel: Math.max(1, kernel | 1) };
  }
  if ((r = fire('motionBlur', recipe.motionBlur))) {
    params.motionBlur = { length: sampleNumber(recipe.motionBlur!.length, r), angle: sampleNumber(recipe.motionBlur!.angle, r) };
  }
  if ((r = fire('gaussianNoise', recipe.gaussianNoise))) {
    params.gaussianNoise = { std: sampleNumber(recipe.gaussianNoise!.std, r), perChannel: recipe.gaussianNoise!.perChannel, seed: seed(r) };
  }
  if ((r = fire('saltPepper', recipe.saltPepper))) {
    params.saltPepper = { amount: sampleNumber(recipe.saltPepper!.amount, r), salt: sampleNumber(recipe.saltPepper!.salt, r), seed: seed(r) };
  }
  if ((r = fire('cutout', recipe.cutout))) {
    const t = recipe.cutout!;
    const count = Math.max(1, Math.round(sampleNumber(t.holes, r)));
    const holes: { rect: Rect; fill: number }[] = [];
    for (let k = 0; k < count; k++) {
      const s = sampleNumber(t.size, r);
      const w = clampInt(s * W, 1, W);
      const h = clampInt(s * H, 1, H);
      holes.push({ rect: [r.int(0, W - w), r.int(0, H - h), w, h], fill: t.fill === 'random' ? r.int(0, 255) : t.fill });
    }
    params.cutout = { holes };
  }
  if ((r = fire('jpeg', recipe.jpeg))) params.jpeg = { quality: clampInt(sampleNumber(recipe.jpeg!.quality, r), 1, 100) };
  return params;
}

/** torchvision's RandomResizedCrop draw: area and log-uniform aspect, ten tries, then the largest centred crop. */
function sampleCrop(t: NonNullable<AugmentRecipe['crop']>, r: Rng, W: number, H: number): Rect {
  for (let attempt = 0; attempt < 10; attempt++) {
    const area = sampleNumber(t.area, r) * W * H;
    const ratio = sampleRatio(t.ratio, r);
    const w = Math.sqrt(area * ratio);
    const h = Math.sqrt(area / ratio);
    if (w <= W && h <= H && w >= 1 && h >= 1) return [r.float(0, W - w), r.float(0, H - h), w, h];
  }
  return [0, 0, W, H];
}

function sampleRatio(d: NumberDist, r: Rng): number {
  if (typeof d === 'object' && 'min' in d && !('mean' in d)) return Math.exp(r.float(Math.log(d.min), Math.log(d.max)));
  return sampleNumber(d, r);
}

function sampleXY(d: NumberDist | { x: NumberDist; y: NumberDist }, r: Rng): Point {
  if (typeof d === 'object' && 'x' in d) return [sampleNumber(d.x, r), sampleNumber(d.y, r)];
  return [sampleNumber(d, r), sampleNumber(d, r)];
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function clampInt(x: number, lo: number, hi: number): number {
  return clamp(Math.round(x), lo, hi);
}
