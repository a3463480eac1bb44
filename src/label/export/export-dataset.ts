import { existsSync, realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type DatasetMeta, MANIFEST_FILE, META_FILE, inDataset, readDatasetMeta, readManifest } from '../../dataset/index.js';
import { SynthError, parseOrThrow } from '../../errors.js';
import { LabelsSpec, type LabelsSpecInput } from '../filters.js';
import { type LabelRecord, labelRecord } from '../label-object.js';
import { type RleForm, cocoWriter } from './coco.js';
import { depthScale, depthWriter } from './depth.js';
import { EXPORT_MARKER, type ExportTarget, type OutName, openFileTarget, openFolderTarget } from './export-target.js';
import type { ExportContext, FormatResult, FormatWriter } from './format-writer.js';
import { checkImageFolder, imageFolderWriter } from './imagefolder.js';
import { FilePlacer } from './place-file.js';
import { type ResolveCounts, resolveObjects } from './resolve-objects.js';
import { yoloWriter } from './yolo.js';

export const ExportFormat = z.enum(['coco', 'yolo', 'imagefolder', 'depth']);
export type ExportFormat = z.output<typeof ExportFormat>;

export interface ExportOptions {
  /** The dataset folder. */
  dataset: string;
  /** One format, several, or a comma-separated list ("coco,yolo"). */
  format: string | readonly string[];
  /** The export folder; for COCO alone, a path ending in .json names the one file to write instead. */
  out: string;
  /** Replace whatever is at `out` (never the dataset itself). */
  force?: boolean | undefined;
  /** How errors name `out`; default `--out`, which the command can --force. */
  outFlag?: Omit<OutName, 'path'> | undefined;
  /** Label filters applied at export, on top of any the renderer applied. */
  labels?: LabelsSpecInput | undefined;
  /** COCO segmentation form; default compressed (see README: smaller, and what pycocotools hands its decoder). */
  rle?: RleForm | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: { done: number; total: number }) => void) | undefined;
}

export interface ExportSummary {
  out: string;
  formats: FormatResult[];
  /** Records in the manifest. */
  records: number;
  /** Whether images were hard-linked (true) or copied. */
  linked: boolean;
  counts: ResolveCounts;
}

/** Records resolved at once: mask decoding runs on sharp's threads. */
const CHUNK = 16;

/** The formats named, each once; an unknown one is an error naming --format. */
export function parseFormats(format: string | readonly string[], flag = '--format'): ExportFormat[] {
  const names = (typeof format === 'string' ? [format] : format).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  if (names.length === 0) throw new SynthError(`${flag}: expected one or more of ${ExportFormat.options.join(', ')} (comma-separated)`);
  return [...new Set(names)].map((name) => {
    const result = ExportFormat.safeParse(name);
    if (!result.success) throw new SynthError(`${flag}: unknown format ${JSON.stringify(name)}; expected one or more of ${ExportFormat.options.join(', ')} (comma-separated)`);
    return result.data;
  });
}

/** Writes label exports of a dataset; see the README's "Exporting labels" for what each format writes. */
export async function exportDataset(options: ExportOptions): Promise<ExportSummary> {
  const formats = parseFormats(options.format);
  const labels = options.labels === undefined ? undefined : parseOrThrow(LabelsSpec, options.labels, 'export', 'label filters');
  const meta = await readDatasetMeta(options.dataset);
  if (!meta) throw new SynthError(`${options.dataset}: not a synth dataset (no ${META_FILE})`);
  const dataset = realpathSync(options.dataset);
  const manifest = path.join(options.dataset, MANIFEST_FILE);
  const records = (await readManifest(options.dataset)).map((r) => labelRecord(r, manifest));
  const name: OutName = { ...(options.outFlag ?? { flag: '--out', canForce: true }), path: options.out };
  const asFile = options.out.endsWith('.json');
  if (asFile && (formats.length > 1 || formats[0] !== 'coco')) {
    throw new SynthError(`${name.flag} ${options.out}: a .json path is for --format coco alone; give a folder for ${formats.join(',')}`);
  }
  checkInputs(options.dataset, meta, records, formats, !asFile);

  const identity = { path: dataset, name: meta.name, createdAt: meta.createdAt };
  const out = path.resolve(options.out);
  const target = asFile
    ? await openFileTarget(out, identity, options.force === true, name)
    : await openFolderTarget(out, identity, options.force === true, name);
  try {
    const ctx: ExportContext = { dataset, meta, identity, root: target.staging, out, placer: new FilePlacer(dataset, target.staging) };
    const writers = formats.map((f) => makeWriter(f, ctx, target, asFile, options.rle ?? 'compressed'));
    const counts: ResolveCounts = { invisible: 0, dropped: 0, boxMismatches: 0 };
    const detection = formats.includes('coco') || formats.includes('yolo');
    const resolveOptions = { dataset, meta, labels, rle: formats.includes('coco'), counts };
    for (let start = 0; start < records.length; start += CHUNK) {
      if (options.signal?.aborted) throw new SynthError(`export interrupted; nothing was written to ${options.out}`, { exitCode: 130 });
      const chunk = records.slice(start, start + CHUNK);
      const images = detection ? await Promise.all(chunk.map((r) => resolveObjects(r, resolveOptions))) : chunk.map((record) => ({ record }));
      for (const image of images) for (const w of writers) w.add(image);
      options.onProgress?.({ done: start + chunk.length, total: records.length });
    }
    const results: FormatResult[] = [];
    for (const w of writers) results.push(await w.finish());
    const summary: ExportSummary = { out, formats: results, records: records.length, linked: ctx.placer.linked, counts };
    if (!asFile) await writeFile(path.join(target.staging, EXPORT_MARKER), `${JSON.stringify(marker(summary, identity, labels), null, 2)}\n`);
    await target.commit();
    for (const r of results) r.files = r.files.map((f) => (asFile ? out : path.join(out, path.relative(target.staging, f))));
    return summary;
  } catch (error) {
    await target.abort();
    throw error;
  }
}

function makeWriter(format: ExportFormat, ctx: ExportContext, target: ExportTarget, asFile: boolean, rle: RleForm): FormatWriter {
  switch (format) {
    case 'coco':
      return asFile
        ? cocoWriter(ctx, { file: target.staging, imageRoot: path.relative(path.dirname(target.out), ctx.dataset) || '.', placeImages: false, splitFiles: false, rle })
        : cocoWriter(ctx, { file: path.join(ctx.root, 'annotations', 'coco.json'), imageRoot: '..', placeImages: true, splitFiles: true, rle });
    case 'yolo':
      return yoloWriter(ctx);
    case 'imagefolder':
      return imageFolderWriter(ctx);
    case 'depth':
      return depthWriter(ctx);
  }
}

/** Everything that can be checked before anything is written, so a bad input leaves nothing behind. */
function checkInputs(dir: string, meta: DatasetMeta, records: readonly LabelRecord[], formats: readonly ExportFormat[], placesImages: boolean): void {
  const missing = (relative: string, what: string, record: LabelRecord) => {
    if (!existsSync(inDataset(dir, relative))) throw new SynthError(`${path.join(dir, relative)}: ${what} of record ${record.id} is missing (listed in ${MANIFEST_FILE})`);
  };
  if (formats.includes('coco') || formats.includes('yolo')) {
    if (!records.some((r) => r.objects !== undefined)) {
      throw new SynthError(`${dir}: no record has object labels (a classification dataset, such as an import); --format coco and yolo need objects; --format imagefolder fits it`);
    }
    for (const record of records) {
      record.objects?.forEach((o, k) => {
        if (!meta.classes.includes(o.class)) {
          throw new SynthError(`${path.join(dir, MANIFEST_FILE)}: record ${record.id} (${record.file}): objects[${k}].class is ${JSON.stringify(o.class)}, not one of ${META_FILE} classes`);
        }
      });
      if (record.mask !== undefined && record.objects !== undefined) missing(record.mask, 'the instance mask', record);
    }
  }
  if (formats.includes('imagefolder')) checkImageFolder(meta, records);
  if (formats.includes('depth')) {
    depthScale(meta);
    if (!records.some((r) => r.depth !== undefined)) throw new SynthError(`${dir}: no record has a depth map; --format depth needs a dataset rendered with depth`);
    for (const record of records) if (record.depth !== undefined) missing(record.depth, 'the depth map', record);
  }
  if (placesImages) for (const record of records) missing(record.file, 'the image', record);
}

function marker(summary: ExportSummary, dataset: ExportContext['identity'], labels: LabelsSpec | undefined): object {
  return {
    format: 'synth-export',
    version: 1,
    dataset,
    formats: summary.formats.map(({ files: _files, ...rest }) => rest),
    ...(labels ? { labels } : {}),
    linked: summary.linked,
    counts: summary.counts,
    createdAt: new Date().toISOString(),
  };
}
