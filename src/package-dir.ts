import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The installed folder of an npm package as synth resolves it, whatever its `exports` allow. */
export function packageDir(name: string): string | undefined {
  for (const dir of require.resolve.paths(name) ?? []) {
    const root = path.join(dir, name);
    if (existsSync(path.join(root, 'package.json'))) return root;
  }
  return undefined;
}
