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
  /** glTF models by key (see modelKey), base64-encoded. */
  models: Record<string, { file: string; up: 'y' | 'z'; base64: string }>;
  /** Render a depth image too, in units of `scale` metres (scene units are metres). */
  depth: { scale: number } | null;
  /** Bounds of the page's cache of decoded images (default 32 images, 32 Mpixels). */
  imageCache?: { images: number; pixels: number };
  /**
   * Set when the output fits its objects (output.fit): the page then returns only the pixels the
   * fit reads (fitCrop of the ids' box with this padding), except for frames with JPEG, which the
   * camera compresses whole before the fit. Absent: whole frames.
   */
  crop?: { padding: number } | undefined;
}

/** Per frame, what the page measures for labels beyond the id image (see label-pass.ts). */
export interface FrameLabels {
  objects: {
    /** Projected extent [x0, y0, x1, y1] in frame pixels, not clipped; null for distractors or when behind the camera. */
    amodal: [number, number, number, number] | null;
    /** Pixels the object covers drawn alone; null when nothing can hide it (then it equals its visible pixels). */
    unoccluded: number | null;
  }[];
}

/** What the page reports about its WebGL context. */
export interface PageInfo {
  renderer: string;
  vendor: string;
  version: string;
}

/**
 * The functions the page runtime installs on `window`. `render` returns, base64-encoded, for each
 * frame in order: the window of the frame its pixels cover (x, y, width, height: u16 little-endian;
 * the whole frame unless init.crop), its pixels (window width × height × channels, rows top to
 * bottom), a u32 (little-endian) byte length, and that many bytes of run-length coded instance ids
 * of the whole frame (id-runs.ts; 0 = no object, k = objects[k - 1]), then, when depth is on,
 * width × height big-endian u16 depths; after the last frame, a u32 byte length and that many bytes
 * of UTF-8 JSON: the frames' FrameLabels, in order. Converting to the output's channels, cropping
 * and coding the ids in the page keeps the bytes that cross to Node few.
 */
export interface PageApi {
  init(init: PageInit): Promise<PageInfo>;
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

/** Bytes of a frame's pixels, raw ids and depth, as the page holds them before coding. */
export function frameBytes(init: Pick<PageInit, 'width' | 'height' | 'channels' | 'depth'>): number {
  return init.width * init.height * (init.channels + 1 + (init.depth ? 2 : 0));
}
