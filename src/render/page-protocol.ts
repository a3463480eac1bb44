import type { FrameSpec } from './frame-spec.js';
import type { GlyphOutline } from './glyph-outlines.js';

/** What Node sends a render page once, before any frame. */
export interface PageInit {
  width: number;
  height: number;
  antialias: boolean;
  glyphs: Record<string, Record<string, GlyphOutline>>;
}

/** What the page reports about its WebGL context. */
export interface PageInfo {
  renderer: string;
  vendor: string;
  version: string;
}

/**
 * The functions the page runtime installs on `window`. `render` returns, base64-encoded, for each
 * frame in order: RGBA pixels (width × height × 4, rows top to bottom), then one byte per pixel of
 * instance ids (0 = no object, k = objects[k - 1]).
 */
export interface PageApi {
  init(init: PageInit): PageInfo;
  render(frames: FrameSpec[]): string;
}

export function frameBytes(width: number, height: number): number {
  return width * height * 5;
}
