import type { TensorInfo } from '@tensorflow/tfjs';
import { cropForPadding, type Run } from './call-kernel.js';

/**
 * The input gradient of a (depthwise) convolution is a stride-1 correlation of dy, with stride−1
 * zeros inserted between its pixels, by the filter rotated 180°. This prepares dy: it inserts the
 * zeros (PadV2 on a 6-d view, which also leaves stride−1 zero rows at the end) and crops what the
 * padding would remove, returning the padding left for the convolution to apply.
 */
export function dilateForTranspose(
  run: Run,
  dy: TensorInfo,
  info: {
    inHeight: number;
    inWidth: number;
    strideHeight: number;
    strideWidth: number;
    filterHeight: number;
    filterWidth: number;
    padInfo: { top: number; left: number };
  },
): ReturnType<typeof cropForPadding> {
  const [n, oh, ow, c] = dy.shape as [number, number, number, number];
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  let dilated = dy;
  if (sh > 1 || sw > 1) {
    const view = run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, c] });
    const padded = run(
      'PadV2',
      { x: view },
      { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 },
    );
    dilated = run('Reshape', { x: padded }, { shape: [n, oh * sh, ow * sw, c] });
  }
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = info.inHeight + kh - 1 - top - oh * sh;
  const right = info.inWidth + kw - 1 - left - ow * sw;
  return cropForPadding(run, dilated, [top, bottom, left, right]);
}
