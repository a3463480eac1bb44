import path from 'node:path';

export const META_FILE = 'dataset.json';
export const MANIFEST_FILE = 'manifest.jsonl';
export const LOCK_FILE = '.synth.lock';
export const IMAGES_DIR = 'images';

/** The files and folders a dataset owns: what `--force` may remove, and nothing else. */
export const OWNED_ENTRIES = [META_FILE, MANIFEST_FILE, IMAGES_DIR, 'annotations', 'labels'];

/** `images/000/000123.png`: at most 1000 images a folder, ids zero-padded so names sort. */
export function imageFile(id: number, ext = 'png'): string {
  const folder = String(Math.floor(id / 1000)).padStart(3, '0');
  return `${IMAGES_DIR}/${folder}/${String(id).padStart(6, '0')}.${ext}`;
}

export function inDataset(dir: string, relative: string): string {
  return path.join(dir, ...relative.split('/'));
}
