import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/ of this build (this file is dist/src/render/renderer-build.js). */
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The compiled code an image's bytes depend on: sampling, the page runtime, labels, encoding, the RNG,
 * and the Gaussian weights output.fit.sharpen shares with augmentation's blur.
 */
const PARTS = ['src/render', 'src/label', 'src/dataset', 'src/rng.js', 'src/augment/kernels/blur.js', 'page'];

function files(entry: string): string[] {
  const full = path.join(dist, entry);
  if (entry.endsWith('.js')) return [entry];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(entry, f));
}

let cached: string | undefined;

/**
 * A hash of the code that turns (scene, seed, index) into bytes. A resumed or merged run must
 * come from one build: images rendered by another version of synth may differ, and a folder that
 * mixed them would no longer equal an uninterrupted run.
 */
export function rendererBuild(): string {
  if (cached === undefined) {
    const hash = createHash('sha256');
    for (const file of PARTS.flatMap(files).sort()) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(path.join(dist, file)));
    }
    cached = hash.digest('hex');
  }
  return cached;
}
