/**
 * Page side: images fetched from synth's origin, decoded once and kept as three.js textures in a
 * cache bounded by count and pixels, least recently used first out.
 */
import * as THREE from 'three';
import { assetPath } from '../page-protocol.js';

/** Longer sides are scaled down to this on decoding: enough for small renders, and bounded memory. */
const MAX_SIDE = 1024;

interface Entry {
  bitmap: ImageBitmap;
  /** The texture views are cloned from: clones share its source, so the image is uploaded once. */
  base: THREE.Texture;
  /** One view per user (a material slot, the background): each sets its own repeat and rotation. */
  views: Map<string, THREE.Texture>;
}

export class ImageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits = { images: 32, pixels: 32 * 1024 * 1024 }) {}

  /** Makes `files` ready for view(), then drops the least recently used others beyond the limits. */
  async load(files: readonly string[]): Promise<void> {
    for (const file of files) {
      const entry = this.entries.get(file) ?? await decode(file);
      this.entries.delete(file);
      this.entries.set(file, entry); // Map order is use order: most recent last
    }
    const keep = new Set(files);
    let pixels = 0;
    for (const entry of this.entries.values()) pixels += entry.bitmap.width * entry.bitmap.height;
    for (const [file, entry] of this.entries) {
      if (this.entries.size <= this.limits.images && pixels <= this.limits.pixels) break;
      if (keep.has(file)) continue;
      pixels -= entry.bitmap.width * entry.bitmap.height;
      this.entries.delete(file);
      for (const view of entry.views.values()) view.dispose();
      entry.base.dispose();
      entry.bitmap.close();
    }
  }

  /** The texture of a loaded image for one user, whose repeat and rotation are its own. */
  view(file: string, user: string): THREE.Texture {
    const entry = this.entries.get(file);
    if (!entry) throw new Error(`image ${file} was not loaded before its frame was drawn`);
    let view = entry.views.get(user);
    if (!view) {
      view = entry.base.clone();
      entry.views.set(user, view);
    }
    return view;
  }
}

async function decode(file: string): Promise<Entry> {
  const response = await fetch(assetPath(file));
  if (!response.ok) throw new Error(`image ${file}: the page could not fetch it (HTTP ${response.status})`);
  let bitmap: ImageBitmap;
  try {
    // ImageBitmaps ignore texture.flipY: flip while decoding. No colour management: pixels as stored.
    bitmap = await createImageBitmap(await response.blob(), { imageOrientation: 'flipY', premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (error) {
    throw new Error(`image ${file}: Chromium cannot decode it (${(error as Error).message})`);
  }
  const side = Math.max(bitmap.width, bitmap.height);
  if (side > MAX_SIDE) {
    const k = MAX_SIDE / side;
    const smaller = await createImageBitmap(bitmap, {
      resizeWidth: Math.max(1, Math.round(bitmap.width * k)), resizeHeight: Math.max(1, Math.round(bitmap.height * k)), resizeQuality: 'high',
    });
    bitmap.close();
    bitmap = smaller;
  }
  const base = new THREE.Texture(bitmap);
  base.flipY = false;
  base.colorSpace = THREE.SRGBColorSpace;
  base.wrapS = base.wrapT = THREE.RepeatWrapping;
  return { bitmap, base, views: new Map() };
}
