import path from 'node:path';

export const META_FILE = 'dataset.json';
export const MANIFEST_FILE = 'manifest.jsonl';
export const LOCK_FILE = '.synth.lock';
export const IMAGES_DIR = 'images';

export const MASKS_DIR = 'masks';
export const DEPTH_DIR = 'depth';
export const SEMANTIC_DIR = 'semantic';

/** The files and folders a dataset owns: what `--force` may remove, and nothing else. */
export const OWNED_ENTRIES = [META_FILE, MANIFEST_FILE, IMAGES_DIR, MASKS_DIR, SEMANTIC_DIR, DEPTH_DIR, 'annotations', 'labels'];

/** `images/000/000123.png`: at most 1000 images a folder, ids zero-padded so names sort. */
export function imageFile(id: number, ext = 'png', dir = IMAGES_DIR): string {
  const folder = String(Math.floor(id / 1000)).padStart(3, '0');
  return `${dir}/${folder}/${String(id).padStart(6, '0')}.${ext}`;
}

/** `masks/000/000123.png`: the instance mask of image 123. */
export function maskFile(id: number): string {
  return imageFile(id, 'png', MASKS_DIR);
}

/** `semantic/000/000123.png`: the semantic mask of image 123 (class label + 1; 0 = no labelled object). */
export function semanticFile(id: number): string {
  return imageFile(id, 'png', SEMANTIC_DIR);
}

/** `depth/000/000123.png`: the 16-bit depth image of image 123. */
export function depthFile(id: number): string {
  return imageFile(id, 'png', DEPTH_DIR);
}

export function inDataset(dir: string, relative: string): string {
  return path.join(dir, ...relative.split('/'));
}
