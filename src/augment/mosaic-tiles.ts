import type { MosaicParams, Rect } from './augment-params.js';
import { type Mat3, multiply, scaling, translation } from './matrix.js';

export interface MosaicTile {
  /** 0 for this image (top-left), then the partners (top-right, bottom-left, bottom-right). */
  slot: 0 | 1 | 2 | 3;
  /** Output pixels this tile fills. */
  region: Rect;
  /** Tile image → output, continuous coordinates. */
  forward: Mat3;
}

/**
 * The four tiles of a mosaic: the quadrants around the centre point, each filled by its image
 * scaled to cover it (keeping its aspect) with the image's inner corner at the centre, so objects
 * near the middle of each image stay in view. Empty quadrants are left out.
 */
export function mosaicTiles(params: MosaicParams, width: number, height: number): MosaicTile[] {
  const cx = Math.min(width, Math.max(0, Math.round(params.centre[0])));
  const cy = Math.min(height, Math.max(0, Math.round(params.centre[1])));
  const quadrants: [0 | 1 | 2 | 3, Rect, number, number][] = [
    [0, [0, 0, cx, cy], 1, 1],
    [1, [cx, 0, width - cx, cy], 0, 1],
    [2, [0, cy, cx, height - cy], 1, 0],
    [3, [cx, cy, width - cx, height - cy], 0, 0],
  ];
  const tiles: MosaicTile[] = [];
  for (const [slot, region, alignRight, alignBottom] of quadrants) {
    if (region[2] <= 0 || region[3] <= 0) continue;
    const s = Math.max(region[2] / width, region[3] / height);
    const tx = alignRight ? cx - s * width : cx;
    const ty = alignBottom ? cy - s * height : cy;
    tiles.push({ slot, region, forward: multiply(translation(tx, ty), scaling(s)) });
  }
  return tiles;
}
