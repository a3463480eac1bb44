import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetMeta, ManifestRecord } from './dataset-schema.js';
import { readManifest } from './manifest.js';
import { MANIFEST_FILE, META_FILE } from './paths.js';
import { type DecodedStore, type ImageBatch, readImages } from './read-images.js';

interface Entry {
  stamp: string;
  records: ManifestRecord[] | undefined;
  images: Map<string, Uint8Array>;
}

/**
 * Parsed manifests and decoded images of the datasets one job reads again and again (synth gap
 * trains a dozen models on the same two folders, each decoding them anew otherwise). A dataset's
 * entry is dropped as soon as its dataset.json or manifest changes on disk; decoded images beyond
 * `maxBytes` are not kept.
 */
export class DatasetCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly maxBytes = 2 * 1024 ** 3) {}

  /** Bytes of decoded images held. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** readManifest's records (a fresh array; the records themselves are shared and must not be changed). */
  async manifest(dir: string): Promise<ManifestRecord[]> {
    const entry = await this.entry(dir);
    if (!entry) return readManifest(dir);
    entry.records ??= await readManifest(dir);
    return [...entry.records];
  }

  /** readImages, decoding only the images not decoded before. */
  async images(dir: string, meta: DatasetMeta, records: readonly ManifestRecord[]): Promise<ImageBatch> {
    const entry = await this.entry(dir);
    if (!entry) return readImages(dir, meta, records);
    const store: DecodedStore = {
      get: (file) => entry.images.get(file),
      set: (file, pixels) => {
        if (this.bytes + pixels.byteLength > this.maxBytes || entry.images.has(file)) return;
        entry.images.set(file, pixels.slice());
        this.bytes += pixels.byteLength;
      },
    };
    return readImages(dir, meta, records, store);
  }

  /** The dataset's entry if its files are unchanged since it was made (a new one if not); none for a folder that is not a dataset. */
  private async entry(dir: string): Promise<Entry | undefined> {
    const key = path.resolve(dir);
    const stamp = await fileStamp(key);
    const known = this.entries.get(key);
    if (known && known.stamp === stamp) return known;
    if (known) this.drop(key, known);
    if (stamp === undefined) return undefined;
    const entry: Entry = { stamp, records: undefined, images: new Map() };
    this.entries.set(key, entry);
    return entry;
  }

  private drop(key: string, entry: Entry): void {
    for (const pixels of entry.images.values()) this.bytes -= pixels.byteLength;
    this.entries.delete(key);
  }
}

async function fileStamp(dir: string): Promise<string | undefined> {
  try {
    const [meta, manifest] = await Promise.all([stat(path.join(dir, META_FILE)), stat(path.join(dir, MANIFEST_FILE))]);
    return [meta.mtimeMs, meta.size, meta.ino, manifest.mtimeMs, manifest.size, manifest.ino].join(':');
  } catch {
    return undefined;
  }
}
