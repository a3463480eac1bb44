import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatPath } from '../../errors.js';
import { sha256 } from '../../stable-json.js';
import { checkImage } from './check-image.js';
import { IMAGE_EXTENSIONS, type ImageFolders } from './image-folder.js';

/** The images a scene uses: what sampling picks from and what the render page may fetch. */
export interface SceneImages {
  folders: ImageFolders;
  /** Every listed file (as frames name it, relative to the scene's folder) → its absolute path. */
  files: Readonly<Record<string, string>>;
}

/**
 * Lists and checks the image folders a validated scene config names (every `{type: image, folder}`
 * in it). Each problem is pushed to `problems` with its field path; each image's sha256 goes to
 * `hashes` (keyed "image:<file>") so the scene hash changes when an image does.
 */
export function listSceneImages(spec: unknown, sceneDir: string, problems: string[], hashes: Record<string, string>): SceneImages {
  const folders: Record<string, string[]> = {};
  const files: Record<string, string> = {};
  const root = realpathSync(sceneDir);
  for (const { folder, at } of imageFolderFields(spec, [])) {
    if (folders[folder]) continue;
    const where = formatPath(at);
    const listed = listFolder(folder, sceneDir, root);
    if (typeof listed === 'string') {
      problems.push(`${where}: ${listed}`);
      continue;
    }
    for (const file of listed) {
      const absolute = path.join(sceneDir, file);
      let bytes: Buffer;
      try {
        bytes = readFileSync(absolute);
        checkImage(bytes);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        problems.push(`${where}: ${JSON.stringify(file)} is not a readable image: ${reason}`);
        continue;
      }
      files[file] = absolute;
      hashes[`image:${file}`] = sha256(bytes);
    }
    folders[folder] = listed;
  }
  return { folders, files };
}

function* imageFolderFields(value: unknown, at: PropertyKey[]): Generator<{ folder: string; at: PropertyKey[] }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* imageFolderFields(value[i], [...at, i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'image' && typeof record.folder === 'string') yield { folder: record.folder, at: [...at, 'folder'] };
    for (const [key, child] of Object.entries(record)) yield* imageFolderFields(child, [...at, key]);
  }
}

/** The folder's image files relative to `sceneDir`, sorted; or what is wrong with it. */
function listFolder(folder: string, sceneDir: string, realSceneDir: string): string[] | string {
  const named = JSON.stringify(folder);
  const rule = `image folders are relative to the scene file and inside its folder ${sceneDir}`;
  const relative = path.relative(sceneDir, path.resolve(sceneDir, folder));
  if (path.isAbsolute(folder) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return `${named} is not allowed: ${rule}`;
  const absolute = path.join(sceneDir, relative);
  let real: string;
  try {
    real = realpathSync(absolute);
    if (!statSync(real).isDirectory()) return `${named} is not a folder`;
  } catch {
    return `image folder not found: ${named} (${rule})`;
  }
  if (!isInside(real, realSceneDir)) return `${named} leads outside the scene's folder (a link?): ${rule}`;
  const names: string[] = [];
  for (const name of readdirSync(real).sort()) {
    if (name.startsWith('.') || !(IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase())) continue;
    let file: string;
    try {
      file = realpathSync(path.join(real, name));
    } catch {
      names.push(name); // a dangling link: reading it reports the problem with its name
      continue;
    }
    if (!statSync(file).isFile()) continue;
    if (!isInside(file, realSceneDir)) return `${JSON.stringify(path.join(folder, name))} leads outside the scene's folder (a link?): ${rule}`;
    names.push(name);
  }
  if (names.length === 0) return `no images in ${named} (looked for ${IMAGE_EXTENSIONS.join(', ')} files)`;
  return names.map((name) => path.posix.join(relative.split(path.sep).join('/'), name));
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
