import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../package-dir.js';

/**
 * Where a file named in a scene config lives. Names are absolute paths, paths relative to the scene
 * file, or `npm:<package>/<file inside it>` for assets shipped by npm packages (fonts from
 * @fontsource, for example), resolved from synth's own installation.
 * Returns undefined when no such file exists.
 */
export function resolveAsset(name: string, sceneDir: string): string | undefined {
  const candidate = name.startsWith('npm:') ? resolveFromPackage(name.slice(4)) : path.resolve(sceneDir, name);
  if (candidate === undefined || !existsSync(candidate) || !statSync(candidate).isFile()) return undefined;
  return candidate;
}

function resolveFromPackage(spec: string): string | undefined {
  const parts = spec.split('/');
  const scoped = spec.startsWith('@');
  const root = packageDir(parts.slice(0, scoped ? 2 : 1).join('/'));
  return root === undefined ? undefined : path.join(root, ...parts.slice(scoped ? 2 : 1));
}
