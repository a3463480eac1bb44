import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { SynthError } from '../errors.js';
import type { DatasetMeta, ManifestRecord } from './dataset-schema.js';
import { inDataset } from './paths.js';

/** Images of a dataset as one array: N × height × width × channels, 8-bit, in record order. */
export interface ImageBatch {
  pixels: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
}

/** Decoded images kept between reads, by their file in the dataset (DatasetCache's). */
export interface DecodedStore {
  get(file: string): Uint8Array | undefined;
  /** Offers an image's pixels (a view the store must copy to keep). */
  set(file: string, pixels: Uint8Array): void;
}

/**
 * Decodes the images of `records` (those `store` holds are copied from it instead). Every image
 * must have the size and channels dataset.json states; one that does not, or cannot be decoded,
 * is an error naming its file.
 */
export async function readImages(dir: string, meta: DatasetMeta, records: readonly ManifestRecord[], store?: DecodedStore): Promise<ImageBatch> {
  const { width, height, channels } = meta.image;
  const per = width * height * channels;
  const pixels = new Uint8Array(records.length * per);
  const chunk = 64;
  for (let start = 0; start < records.length; start += chunk) {
    await Promise.all(records.slice(start, start + chunk).map(async (record, k) => {
      const at = (start + k) * per;
      const kept = store?.get(record.file);
      if (kept) {
        pixels.set(kept, at);
        return;
      }
      const file = inDataset(dir, record.file);
      const decoded = await decodeImage(file);
      if (decoded.width !== width || decoded.height !== height) {
        throw new SynthError(`${file}: ${decoded.width}×${decoded.height}, but dataset.json says ${width}×${height}`);
      }
      const rgba = decoded.rgba;
      for (let p = 0, o = at; p < width * height; p++) {
        if (channels === 1) {
          pixels[o++] = rgba[p * 4]!;
        } else {
          pixels[o++] = rgba[p * 4]!; pixels[o++] = rgba[p * 4 + 1]!; pixels[o++] = rgba[p * 4 + 2]!;
        }
      }
      store?.set(record.file, pixels.subarray(at, at + per));
    }));
  }
  return { pixels, count: records.length, height, width, channels };
}

async function decodeImage(file: string): Promise<{ width: number; height: number; rgba: Uint8Array }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SynthError(`${file}: cannot read image (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    if (file.endsWith('.png')) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, rgba: png.data };
    }
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, rgba: data };
  } catch (error) {
    throw new SynthError(`${file}: not a readable image (${(error as Error).message})`);
  }
}
