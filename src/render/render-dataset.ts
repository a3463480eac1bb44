import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type DatasetMeta, type ManifestRecord, OWNED_ENTRIES, MANIFEST_FILE, OrderedManifestWriter, TEMP_MARKER, acquireLock, depthFile, encodePng,
  encodePng16, imageFile, inDataset, linesById, maskFile, readDatasetMeta, rewriteManifest, scanManifest, semanticFile, writeDatasetMeta,
} from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { checkOutputFolder } from '../output-path.js';
import { type ObjectLabel, filterObjects, instanceStats, objectLabels, unionBox } from '../label/index.js';
import { createRng } from '../rng.js';
import { versions } from '../versions.js';
import { encodeImage, outputChannels } from './encode-image.js';
import { dispatchBatches } from './dispatch-batches.js';
import { type LoadedScene, loadScene } from './load-scene.js';
import { BATCHES_PER_PAGE, PagePool } from './page-pool.js';
import { type RenderedFrame, pageInit } from './render-page.js';
import { rendererBuild } from './renderer-build.js';
import { sampleFrame } from './sample-frame.js';

export interface RenderOptions {
  /** A scene config file, or a scene already loaded with loadScene. */
  scene: string | LoadedScene;
  out: string;
  count: number;
  /** Default: the seed recorded in `out` when resuming, else 0. */
  seed?: number | undefined;
  /** Render pages working at once. Default: the machine's cores. */
  concurrency?: number | undefined;
  /** Frames per round trip to a page. */
  batchSize?: number | undefined;
  /** Replace a dataset made from another scene or seed instead of refusing. */
  force?: boolean | undefined;
  chromium?: string | undefined;
  /** Replace each page after this many frames (bounds memory on long runs). Default RECYCLE_AFTER; 0: never. */
  recycleAfter?: number | undefined;
  /** Render only indices i with i % count == index: one shard of the run, for `synth merge` to join. */
  shard?: Shard | undefined;
  /** Render only indices from..to-1: one part of the run (a queue job), for `synth merge` to join. */
  range?: { from: number; to: number } | undefined;
  signal?: AbortSignal | undefined;
  onStart?: (start: RenderStart) => void;
  onProgress?: (progress: RenderProgress) => void;
}

export interface Shard {
  index: number;
  count: number;
}

/** Which part of a run a folder holds (dataset.json render.shard or render.range); `of` is the run's count. */
interface PartOfRun {
  shard?: Shard & { of: number };
  range?: { from: number; to: number; of: number };
}

export interface RenderStart {
  out: string;
  total: number;
  alreadyPresent: number;
  toRender: number;
  seed: number;
  concurrency: number;
  renderer: string;
}

export interface RenderProgress {
  /** Images written by this run so far. */
  done: number;
  /** Images this run has to write. */
  total: number;
}

export interface RenderSummary {
  out: string;
  /** Images in the dataset now. */
  images: number;
  rendered: number;
  alreadyPresent: number;
  seconds: number;
  imagesPerSecond: number;
  renderer: string;
  seed: number;
  concurrency: number;
}

/**
 * Renders images 0..count-1 of (scene, seed) into a dataset folder. Resumes: indices already in the
 * folder are kept and only the missing ones are rendered. Image i is the same bytes however the
 * work is split, ordered or interrupted.
 */
export async function renderDataset(options: RenderOptions): Promise<RenderSummary> {
  const started = performance.now();
  const scene = typeof options.scene === 'string' ? loadScene(options.scene) : options.scene;
  const out = path.resolve(options.out);
  checkInteger('--count', options.count, 1);
  if (options.seed !== undefined) checkInteger('--seed', options.seed, 0);
  const concurrency = options.concurrency ?? os.availableParallelism();
  checkInteger('--concurrency', concurrency, 1);
  const batchSize = options.batchSize ?? 16;
  checkInteger('--batch', batchSize, 1);
  if (options.recycleAfter !== undefined) checkInteger('--recycle-after', options.recycleAfter, 0);
  const shard = options.shard;
  if (shard && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.index >= 0 && shard.index < shard.count)) {
    throw new SynthError(`--shard: expected k/N with 0 <= k < N, got ${shard.index}/${shard.count}`);
  }
  const range = options.range;
  if (range && !(Number.isInteger(range.from) && Number.isInteger(range.to) && range.from >= 0 && range.from < range.to && range.to <= options.count)) {
    throw new SynthError(`range: expected 0 <= from < to <= count, got ${range.from}..${range.to} of ${options.count}`);
  }
  if (shard && range) throw new SynthError('a render takes --shard or a range, not both');
  checkOutputFolder(options.out);

  await mkdir(out, { recursive: true });
  const releaseLock = acquireLock(out);
  try {
    const part = shard ? { shard: { ...shard, of: options.count } } : range ? { range: { ...range, of: options.count } } : {};
    const previous = await previousRun(out, scene, options.seed, part, options.force ?? false);
    const seed = options.seed ?? previous?.render?.seed ?? 0;
    await sweepTempFiles(out);

    const scan = await scanManifest(out);
    const present = new Set(scan.records.map((r) => r.id));
    const lastPresent = scan.records.reduce((max, r) => Math.max(max, r.id), -1);
    const inOrder = scan.records.every((r, i) => i === 0 || r.id > scan.records[i - 1]!.id);
    if (scan.dropped > 0) await rewriteManifest(out, scan.lines);
    const todo: number[] = [];
    const [first, end, step] = range ? [range.from, range.to, 1] : [shard?.index ?? 0, options.count, shard?.count ?? 1];
    for (let i = first; i < end; i += step) if (!present.has(i)) todo.push(i);

    const { width, height } = scene.spec.image;
    const fit = scene.spec.output.fit;
    const now = new Date().toISOString();
    const meta: DatasetMeta = {
      format: 'synth-dataset',
      version: 1,
      kind: 'synthetic',
      name: scene.spec.name,
      classes: scene.spec.classes,
      count: scan.records.length,
      complete: todo.length === 0,
      image: { width: fit?.canvas ?? width, height: fit?.canvas ?? height, channels: scene.spec.output.colour === 'grey' ? 1 : 3 },
      render: {
        scene: path.relative(out, path.resolve(scene.file)),
        sceneHash: scene.hash,
        build: rendererBuild(),
        seed,
        renderer: previous?.render?.renderer ?? 'not started',
        browser: previous?.render?.browser ?? 'not started',
        ...part,
      },
      ...(scene.spec.labels.depth ? { depth: { scale: scene.spec.labels.depthScale, unit: 'm', file: 'depth/…png: 16-bit, metres = value × scale, 0 = nothing hit' } } : {}),
      lineage: [],
      versions: versions(),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await writeDatasetMeta(out, meta);

    let renderer = meta.render!.renderer;
    let rendered = 0;
    if (todo.length > 0) {
      const pool = await PagePool.open({
        size: concurrency,
        init: pageInit(scene),
        assets: scene.images.files,
        chromium: options.chromium,
        recycleAfter: options.recycleAfter,
      });
      renderer = pool.info.renderer;
      meta.render = { ...meta.render!, renderer, browser: pool.browserVersion };
      await writeDatasetMeta(out, meta);
      options.onStart?.({ out, total: options.count, alreadyPresent: present.size, toRender: todo.length, seed, concurrency, renderer });
      try {
        rendered = await renderAll({ out, scene, seed, todo, pool, batchSize, concurrency, signal: options.signal, onProgress: options.onProgress });
      } finally {
        await pool.close();
      }
    }

    // A resume that filled holes appended their lines last; put the manifest back in id order. Only
    // then is the whole manifest read: on a 100,000-image run that would be the run's peak memory.
    if (!inOrder || (rendered > 0 && todo[0]! < lastPresent)) {
      const final = await scanManifest(out, false);
      await rewriteManifest(out, linesById(final));
    }
    meta.count = present.size + rendered;
    meta.complete = true;
    meta.updatedAt = new Date().toISOString();
    await writeDatasetMeta(out, meta);

    const seconds = (performance.now() - started) / 1000;
    return { out, images: meta.count, rendered, alreadyPresent: present.size, seconds, imagesPerSecond: rendered / seconds, renderer, seed, concurrency };
  } finally {
    releaseLock();
  }
}

interface RenderAllInput {
  out: string;
  scene: LoadedScene;
  seed: number;
  todo: number[];
  pool: PagePool;
  batchSize: number;
  concurrency: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: RenderProgress) => void) | undefined;
}

/**
 * Batches go to the pages; while a page renders its next batches, the batch it returned is labelled,
 * encoded and written. A bounded number of batches is in flight, so memory stays flat.
 */
async function renderAll(input: RenderAllInput): Promise<number> {
  const { out, scene, todo, pool, batchSize, concurrency, signal } = input;
  const root = createRng(input.seed);
  const writer = await OrderedManifestWriter.open(out, todo);
  const folders = new Set<string>();
  // Every page slot busy, plus one batch per page being encoded and written.
  const inFlight = concurrency * (BATCHES_PER_PAGE + 1);
  let done = 0;

  const ensureFolder = (file: string) => {
    const folder = path.dirname(inDataset(out, file));
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
  };
  // Written in place, synchronously (small files; the async path costs more than the write). A
  // write cut short is harmless: its manifest line comes only after it, and a resume trusts only
  // images with a manifest line, rendering any other index again.
  const write = (file: string, bytes: Buffer) => {
    ensureFolder(file);
    writeOrExplain(out, file, () => writeFileSync(inDataset(out, file), bytes));
  };

  const writeFrame = async (r: RenderedFrame): Promise<ManifestRecord> => {
    const { width, height } = scene.spec.image;
    const { labels: labelSpec } = scene.spec;
    const { all } = instanceStats(r.ids, width, height, r.frame.objects.length);
    const image = await encodeImage(
      { pixels: r.pixels, window: r.window, ids: r.ids, width, height, objectBox: all.box, jpegQuality: r.frame.sensor?.jpeg?.quality }, scene.spec.output);
    const [outWidth, outHeight] = image.size;
    const { objects: measured, mask } = objectLabels({
      ids: r.ids, width, height, objects: r.frame.objects, measured: r.labels.objects,
      written: { ids: image.mapLabels(r.ids), width: outWidth, height: outHeight, mapBox: image.mapBox },
    });
    const objects = filterObjects(measured, labelSpec);
    const id = r.frame.index;
    const file = imageFile(id);
    write(file, image.png);
    const extra: Record<string, string> = {};
    if (labelSpec.masks) {
      extra['mask'] = maskFile(id);
      write(extra['mask'], await encodePng(Buffer.from(mask.buffer, mask.byteOffset, mask.length), outWidth, outHeight, 1));
      extra['semantic'] = semanticFile(id);
      write(extra['semantic'], await encodePng(semanticMask(mask, objects), outWidth, outHeight, 1));
    }
    if (r.depth) {
      extra['depth'] = depthFile(id);
      write(extra['depth'], encodePng16(image.mapLabels(bigEndianU16(r.depth)), outWidth, outHeight));
    }
    const { index: _index, ...params } = r.frame;
    // The image's class for classification: its most visible labelled object (the only one in digits).
    const main = objects.reduce<ObjectLabel | undefined>((best, o) => (!o.ignore && (!best || o.pixels > best.pixels) ? o : best), undefined);
    const boxes = objects.flatMap((o) => (o.box ? [o.box] : []));
    const box = boxes.length > 0 ? unionBox(boxes) : null;
    return {
      id, file, split: 'train', ...(main ? { label: main.label, class: main.class } : {}),
      pixels: objects.reduce((n, o) => n + o.pixels, 0), box,
      objects,
      ...extra,
      params,
    };
  };

  const runBatch = async (ids: number[]) => {
    const frames = ids.map((i) => sampleFrame(scene.spec, root, i, { modelRadius: scene.modelRadius, folders: scene.images.folders }));
    const rendered = await pool.render(frames);
    const records = await Promise.all(rendered.map(writeFrame));
    for (const record of records) writeOrExplain(out, MANIFEST_FILE, () => writer.add(record.id, record));
    done += records.length;
    input.onProgress?.({ done, total: todo.length });
  };

  try {
    // Batches finish out of order; the writer holds records back until the earlier ones land. In
    // order, at most inFlight - 1 batches wait; twice that means one batch has stalled.
    const maxWaiting = 2 * inFlight * batchSize;
    await dispatchBatches({ items: todo, batchSize, concurrency: inFlight, waiting: () => writer.pending, maxWaiting, run: runBatch, signal });
  } finally {
    writer.close();
  }
  if (signal?.aborted) {
    throw new SynthError(`interrupted after ${done} of ${todo.length} images; run the same command again to resume`, { exitCode: 130 });
  }
  return done;
}

/** The dataset already in `out`, if it was made from this scene and seed; refuses (or, forced, clears) any other. */
async function previousRun(out: string, scene: LoadedScene, seed: number | undefined, part: PartOfRun, force: boolean): Promise<DatasetMeta | undefined> {
  let meta: DatasetMeta | undefined;
  try {
    meta = await readDatasetMeta(out);
  } catch (error) {
    if (!force) throw error;
  }
  const entries = (await readdir(out)).filter((e) => !e.startsWith('.synth'));
  if (meta === undefined && entries.length === 0) return undefined;
  if (meta === undefined && !entries.includes('dataset.json')) {
    throw new SynthError(`${out}: exists and is not a synth dataset (no dataset.json); render into a new or empty folder`);
  }
  const partOf = (p: PartOfRun) => (p.shard ? `, shard ${p.shard.index}/${p.shard.count}` : p.range ? `, images ${p.range.from}..${p.range.to - 1}` : '');
  const theirs = { shard: meta?.render?.shard, range: meta?.render?.range } as PartOfRun;
  const same = meta !== undefined && meta.kind === 'synthetic' && meta.render?.sceneHash === scene.hash
    && (seed === undefined || meta.render.seed === seed) && partOf(theirs) === partOf(part);
  if (same && meta!.render!.build === rendererBuild()) return meta;
  if (same && !force) {
    const theirBuild = meta!.render!.build?.slice(0, 12) ?? 'not recorded';
    throw new SynthError(
      `${out}: its ${meta!.count} images were rendered by another build of synth (renderer ${theirBuild}, this one ${rendererBuild().slice(0, 12)}), ` +
        'so images rendered now could differ and the folder would no longer equal an uninterrupted run. ' +
        'Finish it with the build that started it, render into another folder, or pass --force to start over.',
    );
  }
  if (!force) {
    const made = meta?.render
      ? `scene ${meta.render.scene} (hash ${meta.render.sceneHash.slice(0, 12)}), seed ${meta.render.seed}${partOf(theirs)}`
      : `a ${meta?.kind} dataset`;
    throw new SynthError(
      `${out}: holds a dataset made from ${made}; this run is ${scene.file} (hash ${scene.hash.slice(0, 12)}), seed ${seed ?? meta?.render?.seed ?? 0}${partOf(part)}. ` +
        'Render into another folder, or pass --force to replace it.',
    );
  }
  for (const entry of OWNED_ENTRIES) await rm(path.join(out, entry), { recursive: true, force: true });
  return undefined;
}

/** Removes temporary files an interrupted run left behind (images being written when it died). */
async function sweepTempFiles(out: string): Promise<void> {
  const images = path.join(out, 'images');
  if (!existsSync(images)) return;
  for (const folder of await readdir(images)) {
    const dir = path.join(images, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of await readdir(dir)) if (name.includes(TEMP_MARKER)) await rm(path.join(dir, name), { force: true });
  }
  for (const name of await readdir(out)) if (name.includes(TEMP_MARKER)) await rm(path.join(out, name), { force: true });
}

/** Runs a write; a full disk or a read-only folder becomes a SynthError that says the run can resume. */
function writeOrExplain(out: string, file: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS' || code === 'EACCES') {
      const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : 'the folder is not writable';
      throw new SynthError(`${out}: ${why} (${code}) writing ${file}; what was written is kept: make room and run the same command again to resume`, { cause: error });
    }
    throw error;
  }
}

function checkInteger(flag: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new SynthError(`${flag}: expected a whole number >= ${min}, got ${value}`);
  }
}

/** Class label + 1 per pixel from the instance mask (0 where no labelled, unignored object is). */
function semanticMask(mask: Uint8Array, objects: ObjectLabel[]): Buffer {
  const classOf = new Uint8Array(256);
  objects.forEach((o, k) => {
    if (!o.ignore) classOf[o.instance ?? k + 1] = o.label + 1;
  });
  const out = Buffer.allocUnsafe(mask.length);
  for (let p = 0; p < mask.length; p++) out[p] = classOf[mask[p]!]!;
  return out;
}

function bigEndianU16(bytes: Buffer): Uint16Array {
  const values = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt16BE(i * 2);
  return values;
}

