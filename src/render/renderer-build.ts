import { codeHash } from '../code-hash.js';

/**
 * The compiled code an image's bytes depend on: sampling, the page runtime, labels, encoding, the RNG,
 * and the Gaussian weights output.fit.sharpen shares with augmentation's blur.
 */
const PARTS = ['src/render', 'src/label', 'src/dataset', 'src/rng.js', 'src/augment/kernels/blur.js', 'page'];

/**
 * A hash of the code that turns (scene, seed, index) into bytes. A resumed or merged run must
 * come from one build: images rendered by another version of synth may differ, and a folder that
 * mixed them would no longer equal an uninterrupted run.
 */
export function rendererBuild(): string {
  return codeHash(PARTS);
}
