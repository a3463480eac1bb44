import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SynthError } from '../errors.js';
import { checkOutputFolder } from '../output-path.js';
import { versions } from '../versions.js';
import type { DatasetMeta, ManifestRecord, Split } from './dataset-schema.js';
import { encodePng } from './encode-png.js';
import { writeDatasetMeta } from './meta.js';
import { MANIFEST_FILE, depthFile, imageFile, inDataset, maskFile, semanticFile } from './paths.js';

export interface BuilderOptions {
  out: string;
  kind: DatasetMeta['kind'];
  name: string;
  classes: string[];
  image: DatasetMeta['image'];
  /** Replace an existing folder at `out`. */
  force?: boolean | undefined;
  /** Files and folders the build reads: `out` may not be or hold them (see checkOutputFolder). */
  inputs?: readonly string[] | undefined;
  lineage?: DatasetMeta['lineage'];
  extra?: Record<string, unknown>;
}

export interface BuilderImage {
  pixels: Buffer;
  label: number;
  split: Split;
  /** Fields added to the manifest record (where the image came from, for example). */
  extra?: Record<string, unknown>;
  /** PNG bytes of the image's label images, written beside it and named in its record. */
  labelImages?: Partial<Record<'mask' | 'semantic' | 'depth', Buffer>> | undefined;
}

const LABEL_FILE = { mask: maskFile, semantic: semanticFile, depth: depthFile };

/**
 * Builds a whole dataset folder (an import, an augmentation) beside its destination and moves it
 * into place only when complete, so a failed or interrupted build leaves no dataset at `out`.
 */
export class DatasetBuilder {
  private readonly records: ManifestRecord[] = [];
  private readonly folders = new Set<string>();

  private constructor(private readonly options: BuilderOptions, readonly staging: string) {}

  static async create(options: BuilderOptions): Promise<DatasetBuilder> {
    const out = path.resolve(options.out);
    checkOutputFolder(options.out, options.inputs);
    if (existsSync(out) && !options.force && (await readdir(out)).length > 0) {
      throw new SynthError(`${options.out}: already exists and is not empty; choose another --out, or --force to replace it`);
    }
    const staging = `${out}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    return new DatasetBuilder(options, staging);
  }

  get count(): number {
    return this.records.length;
  }

  /**
   * Adds the next image. Its id is taken before any await, so concurrent calls get distinct ids and
   * the manifest lists them in call order.
   */
  async add(image: BuilderImage): Promise<void> {
    const { width, height, channels } = this.options.image;
    const id = this.records.length;
    if (image.pixels.length !== width * height * channels) {
      throw new Error(`image ${id}: ${image.pixels.length} bytes, expected ${width}×${height}×${channels}`);
    }
    const file = imageFile(id);
    const labelFiles = Object.entries(image.labelImages ?? {}).map(([field, png]) => [field, LABEL_FILE[field as 'mask'](id), png] as const);
    this.records.push({
      id, file, split: image.split, label: image.label, class: this.options.classes[image.label]!, ...image.extra,
      ...Object.fromEntries(labelFiles.map(([field, name]) => [field, name])),
    });
    const png = await encodePng(image.pixels, width, height, channels);
    for (const [, name, bytes] of labelFiles) this.write(name, bytes);
    this.write(file, png);
  }

  // Small files: a synchronous write costs far less CPU here than the async path (see render-dataset).
  private write(file: string, bytes: Buffer): void {
    const target = inDataset(this.staging, file);
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    writeFileSync(target, bytes);
  }

  /** Writes the manifest and dataset.json and moves the folder into place. */
  async commit(): Promise<string> {
    const out = path.resolve(this.options.out);
    await writeFile(path.join(this.staging, MANIFEST_FILE), this.records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const now = new Date().toISOString();
    await writeDatasetMeta(this.staging, {
      format: 'synth-dataset',
      version: 1,
      kind: this.options.kind,
      name: this.options.name,
      classes: this.options.classes,
      count: this.records.length,
      complete: true,
      image: this.options.image,
      lineage: this.options.lineage ?? [],
      versions: versions(),
      createdAt: now,
      updatedAt: now,
      ...this.options.extra,
    });
    if (existsSync(out)) {
      const old = `${out}.replaced-${process.pid}`;
      await rename(out, old);
      await rename(this.staging, out);
      await rm(old, { recursive: true, force: true });
    } else {
      await mkdir(path.dirname(out), { recursive: true });
      await rename(this.staging, out);
    }
    return out;
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
