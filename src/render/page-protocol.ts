import type { FrameSpec } from './frame-spec.js';
import type { GlyphOutline } from './glyph-outlines.js';

/** What Node sends a render page once, before any frame. */
export interface PageInit {
  width: number;
  height: number;
  antialias: boolean;
  /** Channels of the pixels returned: 3 (RGB) or 1 (grey, ITU-R BT.601 luma). */
  channels: 1 | 3;
  glyphs: Record<string, Record<string, GlyphOutline>>;
  /** Bounds of the page's cache of decoded images (default 32 images, 32 Mpixels). */
  imageCache?: { images: number; pixels: number };
}

/** What the page reports about its WebGL context. */
export interface PageInfo {
  renderer: string;
  vendor: string;
  version: string;
}

/**
 * The functions the page runtime installs on `window`. `render` returns, base64-encoded, for each
 * frame in order: its pixels (width × height × channels, rows top to bottom), a u32 (little-endian)
 * byte length, and that many bytes of run-length coded instance ids (id-runs.ts; 0 = no object,
 * k = objects[k - 1]). Converting to the output's channels and coding the ids in the page keeps
 * the bytes that cross to Node few: that transfer is the pipeline's main cost.
 */
export interface PageApi {
  init(init: PageInit): PageInfo;
  /** Async because images that frames name are fetched and decoded before their frame is drawn. */
  render(frames: FrameSpec[]): Promise<string>;
  /** Renders and reads back the frames in a loop inside the page, returning milliseconds: the ceiling benchmarks compare against. */
  time(frames: FrameSpec[], idPass: boolean): Promise<number>;
}

/**
 * Where the page fetches an image that frames name (a path relative to the scene's folder, as in
 * LoadedScene.images): under synth's own origin, answered by the request interception in browser.ts.
 */
export function assetPath(file: string): string {
  return `/assets/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** Bytes of a frame's pixels and raw ids, as the page holds them before coding. */
export function frameBytes(init: Pick<PageInit, 'width' | 'height' | 'channels'>): number {
  return init.width * init.height * (init.channels + 1);
}
