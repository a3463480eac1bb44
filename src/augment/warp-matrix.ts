import type { AugmentParams } from './augment-params.js';
import { type Mat3, chain, homography, rotation, scaling, shearing, translation } from './matrix.js';

/**
 * The forward map of an augmentation's geometric transforms (crop, affine, perspective, flips),
 * source → output in continuous pixel coordinates, composed into one matrix so the image is
 * resampled once. Undefined when no geometric transform fired.
 */
export function warpMatrix(params: AugmentParams): Mat3 | undefined {
  const { width: W, height: H } = params;
  const steps: Mat3[] = [];
  if (params.crop) {
    const [x, y, w, h] = params.crop.rect;
    steps.push(translation(-x, -y), scaling(W / w, H / h));
  }
  if (params.affine) {
    const { rotate, scale, translate, shear } = params.affine;
    steps.push(
      translation(-W / 2, -H / 2),
      scaling(scale), shearing(shear[0], shear[1]), rotation(rotate),
      translation(W / 2 + translate[0], H / 2 + translate[1]),
    );
  }
  if (params.perspective) {
    steps.push(homography([[0, 0], [W, 0], [W, H], [0, H]], params.perspective.corners));
  }
  if (params.hflip) steps.push([-1, 0, W, 0, 1, 0, 0, 0, 1]);
  if (params.vflip) steps.push([1, 0, 0, 0, -1, H, 0, 0, 1]);
  return steps.length === 0 ? undefined : chain(...steps);
}
