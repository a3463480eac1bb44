import type { AugmentParams, Rect } from './augment-params.js';
import { type BoxLabel, clipBox, coveredFraction, transformBox, transformBoxesByMap } from './boxes.js';
import { gaussianBlur, motionBlur } from './kernels/blur.js';
import { applyLut, autocontrast, greyscale, hueSaturation, toneLut } from './kernels/colour.js';
import { jpegArtefacts } from './kernels/jpeg.js';
import { blend, fillRects, pasteRect } from './kernels/mix.js';
import { thickness } from './kernels/morphology.js';
import { randomConvolution } from './kernels/random-conv.js';
import { gaussianNoise, saltPepper } from './kernels/noise.js';
import type { Raster } from './kernels/raster.js';
import { elasticField } from './kernels/smooth-field.js';
import { warpBilinear, warpNearest } from './kernels/warp.js';
import { fog, rain, snow } from './kernels/weather.js';
import { identity, invert } from './matrix.js';
import { mosaicTiles } from './mosaic-tiles.js';
import { warpMatrix } from './warp-matrix.js';

/** A class with its share of the image: 1 for a plain label; mixing splits it. */
export interface SoftLabel {
  label: number;
  weight: number;
}

/** What an image is labelled with; every part is optional. */
export interface ImageLabels<B extends BoxLabel = BoxLabel> {
  classes?: readonly SoftLabel[] | undefined;
  boxes?: readonly B[] | undefined;
  /** Per-pixel maps (instance ids, classes, binary masks): width × height bytes each, warped with nearest neighbour. */
  masks?: readonly Uint8Array[] | undefined;
}

export interface AugmentedLabels<B extends BoxLabel = BoxLabel> {
  /** Merged by class, weights summing to what the inputs' weights did (1 for plain labels). */
  classes: SoftLabel[];
  /** Boxes still visible enough (params.minVisibility), transformed, clipped, each with its visibility. */
  boxes: (B & { visibility: number })[];
  masks: Uint8Array[];
}

export interface ApplyOptions<B extends BoxLabel = BoxLabel> {
  /** The images mixing transforms name by index (same size and channels as the image). */
  partner?: ((index: number) => { image: Raster; labels?: ImageLabels<B> | undefined }) | undefined;
  /** Where to write the result (width × height × channels bytes, not the image's memory); a new array by default. */
  out?: Uint8Array | undefined;
}

/**
 * Applies sampled parameters to one image and its labels, in TRANSFORM_ORDER. Draws nothing: the
 * result is a pure function of (params, image, labels, partners). The input pixels are never
 * modified. Geometry (crop, affine, perspective, flips and elastic) is resampled once, with the
 * brightness/contrast/gamma tone curve fused into the same pass.
 */
export function applyAugmentation<B extends BoxLabel = BoxLabel>(
  params: AugmentParams, image: Raster, labels: ImageLabels<B> = {}, options: ApplyOptions<B> = {},
): { pixels: Uint8Array; labels: AugmentedLabels<B> } {
  const { width: W, height: H, channels: C } = image;
  if (W !== params.width || H !== params.height) {
    throw new RangeError(`parameters were sampled for ${params.width}×${params.height} images, but the image is ${W}×${H}`);
  }
  const size = W * H * C;
  const target: Raster = { width: W, height: H, channels: C, pixels: options.out ?? new Uint8Array(size) };
  if (target.pixels.length !== size) throw new RangeError(`out has ${target.pixels.length} bytes, expected ${size}`);
  if (overlaps(target.pixels, image.pixels)) throw new RangeError('out must not share memory with the image (the image is read after out is written)');
  let cur: Raster = image;
  let owned = false;
  /** The current pixels as the target buffer, to change in place. */
  const writable = (): Raster => {
    if (!owned) {
      target.pixels.set(cur.pixels);
      cur = target;
      owned = true;
    }
    return cur;
  };
  /** The current pixels where a kernel that writes into the target can read them. */
  const readable = (): Raster => (owned ? { ...cur, pixels: cur.pixels.slice() } : cur);

  const partnerOf = (index: number) => {
    const p = options.partner?.(index);
    if (!p) throw new RangeError(`the augmentation mixes in image ${index}, but no partner images were given`);
    if (p.image.width !== W || p.image.height !== H || p.image.channels !== C) {
      throw new RangeError(`partner image ${index} is ${p.image.width}×${p.image.height}×${p.image.channels}, expected ${W}×${H}×${C}`);
    }
    return p;
  };
  const withVisibility = (b: B, box = b.box, visible = 1) => ({ ...b, box, visibility: (b.visibility ?? 1) * visible });

  let classes: SoftLabel[] = [...(labels.classes ?? [])];
  let boxes: (B & { visibility: number })[] = (labels.boxes ?? []).map((b) => withVisibility(b));
  let masks: Uint8Array[] = [...(labels.masks ?? [])];
  const maskRaster = (pixels: Uint8Array): Raster => ({ width: W, height: H, channels: 1, pixels });

  // Mixing.
  if (params.mosaic) {
    const src = readable();
    const tiles = mosaicTiles(params.mosaic, W, H);
    const nextClasses: SoftLabel[] = [];
    const nextBoxes: typeof boxes = [];
    const nextMasks = masks.map(() => new Uint8Array(W * H));
    for (const tile of tiles) {
      const p = tile.slot === 0 ? { image: src, labels: { classes, boxes, masks } } : partnerOf(params.mosaic.partners[tile.slot - 1]!);
      const inverse = invert(tile.forward);
      const [rx, ry, rw, rh] = tile.region;
      const region = [rx, ry, rx + rw, ry + rh] as const;
      warpBilinear(p.image, target, inverse, { border: 'replicate', fill: 0, region });
      const share = (rw * rh) / (W * H);
      for (const c of p.labels?.classes ?? []) nextClasses.push({ label: c.label, weight: c.weight * share });
      for (const b of p.labels?.boxes ?? []) {
        const moved = transformBox(b.box, tile.forward, tile.region);
        if (moved) nextBoxes.push(withVisibility(b, moved.box, moved.visible));
      }
      nextMasks.forEach((mask, k) => {
        const from = p.labels?.masks?.[k];
        if (from) warpNearest(maskRaster(from), maskRaster(mask), inverse, { border: 'replicate', region });
      });
    }
    cur = target;
    owned = true;
    [classes, boxes, masks] = [nextClasses, nextBoxes, nextMasks];
  }
  if (params.cutmix) {
    const { partner, rect } = params.cutmix;
    const p = partnerOf(partner);
    pasteRect(writable(), p.image, rect);
    const share = (rect[2] * rect[3]) / (W * H);
    classes = [...classes.map((c) => ({ ...c, weight: c.weight * (1 - share) })),
      ...(p.labels?.classes ?? []).map((c) => ({ ...c, weight: c.weight * share }))];
    boxes = boxes.map((b) => ({ ...b, visibility: b.visibility * (1 - coveredFraction(b.box, [rect])) }));
    for (const b of p.labels?.boxes ?? []) {
      const part = clipBox(b.box, rect);
      if (part) boxes.push(withVisibility(b, part.box, part.visible));
    }
    masks = masks.map((mask, k) => {
      const next = mask.slice();
      const from = p.labels?.masks?.[k];
      pasteRect(maskRaster(next), maskRaster(from ?? new Uint8Array(W * H)), rect);
      return next;
    });
  }
  if (params.mixup) {
    const { partner, weight } = params.mixup;
    const p = partnerOf(partner);
    const dst = writable();
    blend(dst, p.image, weight, dst);
    classes = [...classes.map((c) => ({ ...c, weight: c.weight * weight })),
      ...(p.labels?.classes ?? []).map((c) => ({ ...c, weight: c.weight * (1 - weight) }))];
    boxes = [...boxes, ...(p.labels?.boxes ?? []).map((b) => withVisibility(b))];
    // Masks cannot be blended; this image's masks are kept.
  }

  // Geometry, resampled once, with the tone curve fused in.
  const forward = warpMatrix(params);
  const field = params.elastic ? elasticField(params.elastic, W, H) : undefined;
  const lut = toneLut(params);
  if (forward || field) {
    const inverse = forward ? invert(forward) : identity();
    const src = readable();
    warpBilinear(src, target, inverse, { border: params.border, fill: params.fill, field, lut });
    cur = target;
    owned = true;
    const whole: Rect = [0, 0, W, H];
    if (field) {
      const moved = transformBoxesByMap(boxes.map((b) => b.box), inverse, forward ?? identity(), field, W, H);
      boxes = boxes.flatMap((b, k) => {
        const m = moved[k];
        return m ? [{ ...b, box: m.box, visibility: b.visibility * m.visible }] : [];
      });
    } else {
      boxes = boxes.flatMap((b) => {
        const m = transformBox(b.box, forward!, whole);
        return m ? [{ ...b, box: m.box, visibility: b.visibility * m.visible }] : [];
      });
    }
    masks = masks.map((mask) => {
      const next = new Uint8Array(W * H);
      warpNearest(maskRaster(mask), maskRaster(next), inverse, { border: params.border, field });
      return next;
    });
  } else if (lut) {
    applyLut(writable(), lut);
  }

  if (params.hueSaturation) hueSaturation(writable(), params.hueSaturation);
  if (params.greyscale) greyscale(writable());
  if (params.thickness) thickness(writable(), params.thickness);
  if (params.autocontrast) autocontrast(writable(), params.autocontrast);
  if (params.randomConvolution) randomConvolution(writable(), params.randomConvolution);
  if (params.fog) fog(writable(), params.fog);
  if (params.rain) rain(writable(), params.rain);
  if (params.snow) snow(writable(), params.snow);
  // Noise straight after the Gaussian blur is added in the blur's last pass (same bytes).
  const fuseNoise = params.gaussianBlur !== undefined && params.motionBlur === undefined;
  if (params.gaussianBlur) gaussianBlur(writable(), params.gaussianBlur, fuseNoise ? params.gaussianNoise : undefined);
  if (params.motionBlur) motionBlur(writable(), params.motionBlur);
  if (params.gaussianNoise && !fuseNoise) gaussianNoise(writable(), params.gaussianNoise);
  if (params.saltPepper) saltPepper(writable(), params.saltPepper);
  if (params.cutout) {
    const { holes } = params.cutout;
    fillRects(writable(), holes);
    const rects = holes.map((h) => h.rect);
    boxes = boxes.map((b) => ({ ...b, visibility: b.visibility * (1 - coveredFraction(b.box, rects)) }));
  }
  if (params.jpeg) jpegArtefacts(writable(), params.jpeg);
  writable();

  return {
    pixels: target.pixels,
    labels: { classes: mergeClasses(classes), boxes: boxes.filter((b) => b.visibility >= params.minVisibility && b.visibility > 0), masks },
  };
}

function overlaps(a: Uint8Array, b: Uint8Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.length && b.byteOffset < a.byteOffset + a.length;
}

/** One entry per class, in order of first appearance. */
function mergeClasses(classes: readonly SoftLabel[]): SoftLabel[] {
  const merged = new Map<number, number>();
  for (const c of classes) merged.set(c.label, (merged.get(c.label) ?? 0) + c.weight);
  return [...merged].map(([label, weight]) => ({ label, weight }));
}
