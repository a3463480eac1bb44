import type { Box } from '../../label/index.js';
import { type PixelRect, fitCrop } from '../fit-crop.js';
import type { FrameSpec } from '../frame-spec.js';
import type { PageInit } from '../page-protocol.js';

/**
 * The part of a frame whose pixels the page returns (PageInit.crop): with a fit, the crop it reads
 * around the objects' ids; the whole frame without a fit or when the frame has JPEG.
 */
export function pixelWindow(frame: FrameSpec, ids: Uint8Array, init: Pick<PageInit, 'width' | 'height' | 'crop'>): PixelRect {
  const { width, height, crop } = init;
  if (!crop || frame.sensor?.jpeg) return { x: 0, y: 0, width, height };
  return fitCrop(idsBox(ids, width, height), crop.padding, width, height);
}

/** Tight box of the nonzero ids (all objects together); null when there are none. */
function idsBox(ids: Uint8Array, width: number, height: number): Box | null {
  let [x0, y0, x1, y1] = [width, -1, -1, -1];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let left = 0;
    while (left < width && ids[row + left] === 0) left++;
    if (left === width) continue;
    let right = width - 1;
    while (ids[row + right] === 0) right--;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (left < x0) x0 = left;
    if (right > x1) x1 = right;
  }
  return y0 < 0 ? null : [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}
