import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  type DatasetMeta, type ManifestRecord, META_FILE, inDataset, linesById, readDatasetMeta, rewriteManifest, scanManifest, writeDatasetMeta,
} from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { checkOutputFolder } from '../output-path.js';

export interface MergeOptions {
  shards: string[];
  out: string;
  force?: boolean | undefined;
  /**
   * The shards are the parts a queue run rendered inside `out` (its parts/ folder): they become the
   * dataset at `out` and are removed. Otherwise `out` may not hold a shard, and replaces (--force)
   * only a synth dataset.
   */
  partsInside?: boolean | undefined;
}

/**
 * Joins the shards of one render run (same scene hash and seed) into one dataset folder. Every
 * index 0..N-1 must appear exactly once across the shards; the result is the same images and
 * manifest bytes as a single-process run. Images are hard-linked where possible, else copied; the
 * folder is built beside `out` and moved into place when complete.
 */
/** The image count of the run a shard or part belongs to, as its dataset.json records it. */
function runCount(meta: DatasetMeta): number | undefined {
  return ((meta.render?.shard ?? meta.render?.range) as { of?: number } | undefined)?.of;
}

export async function mergeShards(options: MergeOptions): Promise<{ out: string; images: number }> {
  if (options.shards.length === 0) throw new SynthError('synth merge: name at least one shard folder');
  checkOutputFolder(options.out, options.partsInside ? [] : options.shards);
  const metas: DatasetMeta[] = [];
  for (const dir of options.shards) {
    const meta = await readDatasetMeta(dir);
    if (!meta) throw new SynthError(`${dir}: not a synth dataset (no ${META_FILE})`);
    if (meta.kind !== 'synthetic' || !meta.render) throw new SynthError(`${dir}: not a rendered dataset (kind ${meta.kind})`);
    if (!meta.complete) throw new SynthError(`${dir}: the shard is incomplete; resume its render before merging`);
    metas.push(meta);
  }
  const first = metas[0]!;
  metas.forEach((meta, i) => {
    const dir = options.shards[i]!;
    if (meta.render!.sceneHash !== first.render!.sceneHash) throw new SynthError(`${dir}: made from scene hash ${meta.render!.sceneHash.slice(0, 12)}, but ${options.shards[0]} from ${first.render!.sceneHash.slice(0, 12)}`);
    if (meta.render!.build !== first.render!.build) throw new SynthError(`${dir}: rendered by synth build ${meta.render!.build?.slice(0, 12) ?? '(not recorded)'}, but ${options.shards[0]} by ${first.render!.build?.slice(0, 12) ?? '(not recorded)'}; shards must come from one build`);
    if (meta.render!.seed !== first.render!.seed) throw new SynthError(`${dir}: seed ${meta.render!.seed}, but ${options.shards[0]} has seed ${first.render!.seed}`);
    if (runCount(meta) !== runCount(first)) throw new SynthError(`${dir}: a part of a ${runCount(meta)}-image run, but ${options.shards[0]} of a ${runCount(first)}-image run`);
  });

  const scans = await Promise.all(options.shards.map((dir) => scanManifest(dir)));
  const owner = new Map<number, number>();
  const duplicates: string[] = [];
  scans.forEach((scan, s) => {
    for (const record of scan.records) {
      const other = owner.get(record.id);
      if (other !== undefined) duplicates.push(`image ${record.id} is in both ${options.shards[other]} and ${options.shards[s]}`);
      else owner.set(record.id, s);
    }
  });
  const total = runCount(first) ?? Math.max(-1, ...owner.keys()) + 1;
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!owner.has(i)) missing.push(i);
  const damaged = scans.flatMap((scan, s) => scan.dropped === 0 ? [] : [
    `${path.join(options.shards[s]!, 'manifest.jsonl')}: ${scan.dropped} line${scan.dropped === 1 ? '' : 's'} cut short, unreadable or naming a missing image; resume that shard's render to repair it`,
  ]);
  const problems = [...damaged, ...duplicates.slice(0, 10), ...(missing.length > 0 ? [`missing ${missing.length} of ${total} images: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`] : [])];
  if (owner.size > total) problems.push(`the shards hold ${owner.size} images, more than the run's ${total}`);
  if (problems.length > 0) throw new SynthError('synth merge: the shards do not make one whole run', { details: problems });

  const out = path.resolve(options.out);
  if (existsSync(out) && (await readdir(out)).length > 0) {
    if (!options.force) throw new SynthError(`${options.out}: already exists; choose another --out or --force to replace it`);
    if (!options.partsInside && !existsSync(path.join(out, META_FILE))) throw new SynthError(`${options.out}: exists and is not a synth dataset (no ${META_FILE}); merge into a new or empty folder`);
  }
  const staging = `${out}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const folders = new Set<string>();
  for (const [s, scan] of scans.entries()) {
    for (const record of scan.records) {
      for (const file of recordFiles(record)) {
        const target = inDataset(staging, file);
        const folder = path.dirname(target);
        if (!folders.has(folder)) {
          await mkdir(folder, { recursive: true });
          folders.add(folder);
        }
        const source = inDataset(options.shards[s]!, file);
        await link(source, target).catch(() => copyFile(source, target));
      }
    }
  }
  await mkdir(staging, { recursive: true });
  await rewriteManifest(staging, linesById({ records: scans.flatMap((s) => s.records), lines: scans.flatMap((s) => s.lines) }));
  const { shard: _shard, range: _range, ...render } = first.render!;
  await writeDatasetMeta(staging, {
    ...first,
    count: owner.size,
    complete: true,
    render,
    lineage: [...first.lineage, { kind: 'merge', shards: options.shards.map((d) => path.resolve(d)) }],
    updatedAt: new Date().toISOString(),
  });
  // The shards may live inside `out` (a queue run's parts/): move it aside, not away, until the swap is done.
  if (existsSync(out)) {
    const old = `${out}.replaced-${process.pid}`;
    await rename(out, old);
    await rename(staging, out);
    await rm(old, { recursive: true, force: true });
  } else {
    await mkdir(path.dirname(out), { recursive: true });
    await rename(staging, out);
  }
  return { out, images: owner.size };
}

/** The image and the label images (masks, depth) a record names. */
function recordFiles(record: ManifestRecord): string[] {
  return [record.file, record['mask'], record['semantic'], record['depth']].filter((f): f is string => typeof f === 'string');
}
