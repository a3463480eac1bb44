import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { TEMP_MARKER, processExists, readDatasetMeta } from '../../dataset/index.js';
import { SynthError } from '../../errors.js';
import { contains, realPath } from '../../output-path.js';

/** Which dataset an export was made from: the same folder, or the same dataset moved elsewhere. */
export const DatasetIdentity = z.looseObject({ path: z.string(), name: z.string(), createdAt: z.string() });
export type DatasetIdentity = z.output<typeof DatasetIdentity>;

export const EXPORT_MARKER = 'export.json';
const ExportMarker = z.looseObject({ format: z.literal('synth-export'), dataset: DatasetIdentity });
const CocoMarker = z.looseObject({ info: z.looseObject({ synth: z.looseObject({ dataset: DatasetIdentity }) }) });

/**
 * Where an export is written: a staging folder (or temporary file) beside `out`, moved into place by
 * `commit` once complete, so an interrupted export never leaves a partial result at `out`.
 */
export interface ExportTarget {
  out: string;
  staging: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * How errors name the export's destination: the flag (`--out` for synth export, `--export-out` when a
 * render exports), the path as given, and whether that command can --force a replacement.
 */
export interface OutName {
  flag: string;
  path: string;
  canForce: boolean;
}

const retry = (name: OutName) => `choose another ${name.flag}${name.canForce ? ', or --force to replace it' : ''}`;

function sameDataset(a: DatasetIdentity, b: DatasetIdentity): boolean {
  return a.path === b.path || (a.name === b.name && a.createdAt === b.createdAt);
}

/** An export must never write over its own source: `out` may not be, hold, or lie inside the dataset folder. */
function checkOverlap(target: string, dataset: string, name: OutName): void {
  const out = realPath(target);
  if (contains(out, dataset)) throw new SynthError(`${name.flag} ${name.path}: is the dataset folder or holds it; export into a folder of its own`);
  if (contains(dataset, out)) {
    throw new SynthError(`${name.flag} ${name.path}: lies inside the dataset folder ${dataset}; export into a folder of its own (or ${name.flag} <dataset>/annotations/coco.json for COCO alone)`);
  }
}

async function readMarker<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | undefined> {
  try {
    const result = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes staging folders left by exports into `out` whose process no longer runs (killed with -9). */
async function sweepStale(out: string, prefix: string): Promise<void> {
  const parent = path.dirname(out);
  if (!existsSync(parent)) return;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !processExists(pid)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Refuses an existing `out` that an export may not replace without --force: a file, or a non-empty
 * folder that is not an export of the dataset `ours` accepts.
 */
async function checkReplaceable(out: string, name: OutName, ours: (dataset: DatasetIdentity) => boolean): Promise<void> {
  if (!statSync(out).isDirectory()) throw new SynthError(`${name.flag} ${name.path}: is a file, not a folder; ${retry(name)}`);
  if ((await readdir(out)).length === 0) return;
  const marker = await readMarker(path.join(out, EXPORT_MARKER), ExportMarker);
  if (!marker || !ours(marker.dataset)) {
    const what = marker ? `holds an export of another dataset (${marker.dataset.path})` : 'is not empty and not a synth export';
    throw new SynthError(`${name.flag} ${name.path}: ${what}; ${retry(name)}`);
  }
}

/**
 * Checked before a render that exports when done, so a destination the export would refuse does not
 * cost the render: `out` may not overlap `dataset` (the render's folder, which may not exist yet), nor
 * be a file or a folder other than an export of that dataset. A COCO file path is checked by the export.
 */
export async function checkExportDestination(out: string, dataset: string, name: OutName): Promise<void> {
  if (out.endsWith('.json')) return;
  const folder = realPath(dataset);
  checkOverlap(out, folder, name);
  if (!existsSync(out)) return;
  // A render that resumes knows its dataset's identity; a new one has only its folder.
  const meta = await readDatasetMeta(dataset).catch(() => undefined);
  await checkReplaceable(out, name, meta
    ? (marker) => sameDataset(marker, { path: folder, name: meta.name, createdAt: meta.createdAt })
    : (marker) => marker.path === folder);
}

/** The parent folder made for `out`, so an abort can take it away again. */
async function makeParent(out: string): Promise<string | undefined> {
  return mkdir(path.dirname(out), { recursive: true });
}

/**
 * A staging folder for an export into `out`. Refused: an `out` that overlaps the dataset (even with
 * force), and without force a file or a non-empty folder that is not an export of this dataset.
 */
export async function openFolderTarget(out: string, dataset: DatasetIdentity, force: boolean, name: OutName): Promise<ExportTarget> {
  checkOverlap(out, dataset.path, name);
  const exists = existsSync(out);
  if (exists && !force) await checkReplaceable(out, name, (marker) => sameDataset(marker, dataset));
  const prefix = `${path.basename(out)}.export-partial-`;
  await sweepStale(out, prefix);
  const madeParent = await makeParent(out);
  const staging = path.join(path.dirname(out), `${prefix}${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  return {
    out,
    staging,
    async commit() {
      if (!exists) return rename(staging, out);
      const old = `${out}.export-replaced-${process.pid}`;
      await rename(out, old);
      await rename(staging, out);
      await rm(old, { recursive: true, force: true });
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
      if (madeParent) await rm(madeParent, { recursive: true, force: true });
    },
  };
}

/** A single COCO file (for example `<dataset>/annotations/coco.json`), written to a temporary sibling and renamed. */
export async function openFileTarget(file: string, dataset: DatasetIdentity, force: boolean, name: OutName): Promise<ExportTarget> {
  const real = realPath(file);
  if (contains(dataset.path, real) && !contains(path.join(dataset.path, 'annotations'), real)) {
    throw new SynthError(`${name.flag} ${name.path}: inside the dataset folder a COCO file goes under annotations/ (such as annotations/coco.json)`);
  }
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new SynthError(`${name.flag} ${name.path}: is a folder; a path ending in .json names the COCO file to write`);
    const marker = await readMarker(file, CocoMarker);
    if (!force && (!marker || !sameDataset(marker.info.synth.dataset, dataset))) {
      const what = marker ? `a COCO export of another dataset (${marker.info.synth.dataset.path})` : 'exists and is not a synth COCO export';
      throw new SynthError(`${name.flag} ${name.path}: ${what}; ${retry(name)}`);
    }
  }
  const madeParent = await makeParent(file);
  const staging = `${file}${TEMP_MARKER}${process.pid}`;
  return {
    out: file,
    staging,
    commit: () => rename(staging, file),
    async abort() {
      await rm(staging, { force: true });
      if (madeParent) await rm(madeParent, { recursive: true, force: true });
    },
  };
}
