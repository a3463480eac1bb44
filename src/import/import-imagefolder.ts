import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Split } from '../dataset/index.js';
import { DatasetBuilder } from '../dataset/index.js';
import { SynthError } from '../errors.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff', '.bmp']);

export interface ImportImageFolderOptions {
  /** `root/<class>/<image>`, or `root/train/<class>/…` and `root/test/<class>/…` for given splits. */
  root: string;
  out: string;
  /** Every image is resized to width × height (stretching to fill). */
  width: number;
  height: number;
  channels: 1 | 3;
  name?: string | undefined;
  /** Skip unreadable images (listing them) instead of refusing the import. */
  skipBad?: boolean | undefined;
  force?: boolean | undefined;
}

/**
 * Imports an ImageFolder tree: one sub-folder per class (sorted names are the classes). Images that
 * cannot be decoded are reported by file; the import is refused unless `skipBad`, so no image is
 * ever silently dropped or mislabelled.
 */
export async function importImageFolder(options: ImportImageFolderOptions): Promise<{ out: string; count: number; bySplit: Record<string, number>; skipped: string[] }> {
  const splits = await splitFolders(options.root);
  const classes = [...new Set((await Promise.all(splits.map(async ([, dir]) => subfolders(dir)))).flat())].sort();
  if (classes.length === 0) throw new SynthError(`${options.root}: no class folders (expected ${options.root}/<class>/<image files>)`);

  const builder = await DatasetBuilder.create({
    out: options.out, kind: 'real', name: options.name ?? path.basename(path.resolve(options.root)), classes, force: options.force,
    inputs: [options.root],
    image: { width: options.width, height: options.height, channels: options.channels },
    extra: { source: { format: 'imagefolder', root: path.resolve(options.root) } },
  });
  const bySplit: Record<string, number> = {};
  const bad: string[] = [];
  try {
    for (const [split, dir] of splits) {
      for (const [label, name] of classes.entries()) {
        const classDir = path.join(dir, name);
        const files = (await readdir(classDir).catch(() => [] as string[])).filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).sort();
        for (const file of files) {
          const full = path.join(classDir, file);
          let pixels: Buffer;
          try {
            const image = sharp(full).resize(options.width, options.height, { fit: 'fill' }).removeAlpha();
            if (options.channels === 1) image.greyscale().extractChannel(0);
            pixels = await image.raw().toBuffer();
          } catch (error) {
            bad.push(`${full}: ${(error as Error).message}`);
            continue;
          }
          await builder.add({ pixels, label, split, extra: { source: { file: path.relative(options.root, full) } } });
          bySplit[split] = (bySplit[split] ?? 0) + 1;
        }
      }
    }
    if (bad.length > 0 && !options.skipBad) {
      throw new SynthError(`${options.root}: ${bad.length} image(s) could not be read; nothing was imported (--skip-bad imports the rest)`, { details: bad.slice(0, 20) });
    }
    if (builder.count === 0 && bad.length > 0) throw new SynthError(`${options.root}: none of its ${bad.length} image(s) could be read; nothing to import`, { details: bad.slice(0, 20) });
    if (builder.count === 0) throw new SynthError(`${options.root}: no images found (extensions: ${[...IMAGE_EXTENSIONS].join(' ')})`);
    return { out: await builder.commit(), count: builder.count, bySplit, skipped: bad };
  } catch (error) {
    await builder.abort();
    throw error;
  }
}

/** [split, folder] pairs: train/ and test/ (and val/) when present, else the root as train. */
async function splitFolders(root: string): Promise<[Split, string][]> {
  let entries: string[];
  try {
    entries = await subfolders(root);
  } catch {
    throw new SynthError(`${root}: cannot read the folder`);
  }
  const named = (['train', 'val', 'test'] as const).filter((s) => entries.includes(s));
  const others = entries.filter((e) => !(named as readonly string[]).includes(e));
  if (named.length > 0 && others.length > 0) {
    throw new SynthError(`${root}: holds split folders (${named.join(', ')}) and other folders (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}); put every class folder under a split, or import a tree without splits`);
  }
  return named.length > 0 ? named.map((s) => [s, path.join(root, s)]) : [['train', root]];
}

async function subfolders(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const dirs = await Promise.all(names.map(async (n) => ((await stat(path.join(dir, n))).isDirectory() ? n : undefined)));
  return dirs.filter((n): n is string => n !== undefined && !n.startsWith('.'));
}
