/**
 * Concrete parameters of one image's augmentation: every value sampled, nothing random left.
 * `applyAugmentation` turns these into pixels and labels; the manifest records them. A transform
 * that did not fire is absent. Transforms that need a random field per pixel (noise, elastic,
 * weather) carry a 32-bit `seed` from which the kernel expands the field with a fixed
 * counter-based generator, so the object stays small enough to log and applying stays pure.
 *
 * Geometry is in continuous pixel coordinates: pixel (i, j) covers [i, i+1) × [j, j+1), so the
 * image spans [0, width] × [0, height] and boxes [x, y, w, h] use the same frame.
 */
export type Point = [x: number, y: number];
export type Rect = [x: number, y: number, w: number, h: number];

export interface MosaicParams {
  /** Dataset/batch indices of the images in the top-right, bottom-left and bottom-right tiles. */
  partners: [number, number, number];
  /** Where the tiles meet, in pixels. */
  centre: Point;
}
export interface CutmixParams {
  partner: number;
  /** The pasted rectangle, whole pixels. */
  rect: Rect;
}
export interface MixupParams {
  partner: number;
  /** This image's weight; the partner's is 1 - weight. */
  weight: number;
}
export interface CropParams {
  /** The source rectangle scaled to the whole output. */
  rect: Rect;
}
export interface AffineParams {
  /** Degrees, counter-clockwise, about the image centre. */
  rotate: number;
  scale: number;
  /** Pixels. */
  translate: Point;
  /** Degrees. */
  shear: Point;
}
export interface PerspectiveParams {
  /** Where the image corners go (top-left, top-right, bottom-right, bottom-left), pixels. */
  corners: [Point, Point, Point, Point];
}
export interface ElasticParams {
  /** Displacement standard deviation, pixels. */
  alpha: number;
  /** Smoothness: the Gaussian scale of an equivalent smoothed field, pixels (control points 1.75·sigma apart). */
  sigma: number;
  seed: number;
}
export interface BrightnessContrastParams { brightness: number; contrast: number }
export interface GammaParams { gamma: number }
export interface HueSaturationParams { hue: number; saturation: number; value: number }
/** Stroke thickness: grey dilation (radius > 0) or erosion (< 0) by a disc of this radius, pixels. */
export interface ThicknessParams { radius: number }
/** The `percentile` of the image's non-black values is scaled to `level` (every value by the same factor). */
export interface AutocontrastParams { percentile: number; level: number }
/** A random k×k convolution (weights from `seed`), blended with `mix` of the original. */
export interface RandomConvolutionParams { kernel: number; mix: number; seed: number }
export interface FogParams { density: number; colour: number; seed: number }
export interface RainParams { drops: number; length: number; angle: number; opacity: number; seed: number }
export interface SnowParams { flakes: number; size: number; opacity: number; seed: number }
export interface GaussianBlurParams { sigma: number; kernel: number }
export interface MotionBlurParams { length: number; angle: number }
export interface GaussianNoiseParams { std: number; perChannel: boolean; seed: number }
export interface SaltPepperParams { amount: number; salt: number; seed: number }
export interface CutoutParams { holes: { rect: Rect; fill: number }[] }
export interface JpegParams { quality: number }

export interface AugmentParams {
  /** The image size the parameters were drawn for. */
  width: number;
  height: number;
  border: 'constant' | 'reflect' | 'replicate';
  fill: number;
  minVisibility: number;
  mosaic?: MosaicParams;
  cutmix?: CutmixParams;
  mixup?: MixupParams;
  crop?: CropParams;
  affine?: AffineParams;
  perspective?: PerspectiveParams;
  hflip?: true;
  vflip?: true;
  elastic?: ElasticParams;
  brightnessContrast?: BrightnessContrastParams;
  gamma?: GammaParams;
  hueSaturation?: HueSaturationParams;
  greyscale?: true;
  thickness?: ThicknessParams;
  autocontrast?: AutocontrastParams;
  randomConvolution?: RandomConvolutionParams;
  fog?: FogParams;
  rain?: RainParams;
  snow?: SnowParams;
  gaussianBlur?: GaussianBlurParams;
  motionBlur?: MotionBlurParams;
  gaussianNoise?: GaussianNoiseParams;
  saltPepper?: SaltPepperParams;
  cutout?: CutoutParams;
  jpeg?: JpegParams;
}

/** Indices of the other images an augmentation mixes in (none when no mixing transform fired). */
export function partnersOf(params: AugmentParams): number[] {
  const out: number[] = [];
  if (params.mosaic) out.push(...params.mosaic.partners);
  if (params.cutmix) out.push(params.cutmix.partner);
  if (params.mixup) out.push(params.mixup.partner);
  return out;
}
