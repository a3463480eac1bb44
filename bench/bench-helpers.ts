import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (benches run from dist/bench/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
