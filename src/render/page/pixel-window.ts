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
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (ids[p] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}
