import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/ of this build (this file is dist/src/code-hash.js). */
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function files(entry: string): string[] {
  if (entry.endsWith('.js')) return [entry];
  return readdirSync(path.join(dist, entry), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(entry, f));
}

const cached = new Map<string, string>();

/** A hash of the compiled code under `parts` (folders or .js files, relative to dist/). */
export function codeHash(parts: readonly string[]): string {
  const key = parts.join('\0');
  let hex = cached.get(key);
  if (hex === undefined) {
    const hash = createHash('sha256');
    for (const file of parts.flatMap(files).sort()) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(path.join(dist, file)));
    }
    hex = hash.digest('hex');
    cached.set(key, hex);
  }
  return hex;
}
