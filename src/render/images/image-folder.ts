import { z } from 'zod';
import type { Rng } from '../../rng.js';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

/** A config field naming a folder of images, one of which is picked per image rendered. */
export const ImageFolder = z.string().min(1)
  .describe(`a folder of images (${IMAGE_EXTENSIONS.join(', ')}), relative to the scene file and inside its folder; one is picked per image`);

/**
 * The images of each folder a scene names, as load-scene lists them: folder (as written in the
 * config) → files as paths relative to the scene file's folder ("/"-separated, sorted).
 */
export type ImageFolders = Readonly<Record<string, readonly string[]>>;

/** One file of `folder`, uniformly. */
export function pickImage(folders: ImageFolders, folder: string, rng: Rng): string {
  const files = folders[folder];
  if (files === undefined || files.length === 0) {
    throw new Error(`image folder ${JSON.stringify(folder)} was not listed: sample frames of scenes loaded with loadScene, passing scene.images.folders`);
  }
  return rng.pick(files);
}
