import { readDatasetMeta, readImages, readManifest } from '../src/dataset/index.js';

/** A dataset split in memory: 8-bit grey images (N × h × w) and their labels. */
export interface GreySet {
  pixels: Uint8Array;
  labels: Int32Array;
  count: number;
  width: number;
  height: number;
  ids: number[];
}

export async function loadGrey(dir: string, split: 'train' | 'test' | 'all' = 'all', limit = Infinity): Promise<GreySet> {
  const meta = await readDatasetMeta(dir);
  if (!meta) throw new Error(`${dir}: not a synth dataset`);
  const records = (await readManifest(dir)).filter((r) => split === 'all' || r.split === split).slice(0, limit);
  const batch = await readImages(dir, meta, records);
  const { width, height, channels } = batch;
  const pixels = new Uint8Array(batch.count * width * height);
  for (let i = 0; i < pixels.length; i++) {
    if (channels === 1) pixels[i] = batch.pixels[i]!;
    else pixels[i] = Math.round((batch.pixels[3 * i]! + batch.pixels[3 * i + 1]! + batch.pixels[3 * i + 2]!) / 3);
  }
  return { pixels, labels: Int32Array.from(records.map((r) => r.label)), count: batch.count, width, height, ids: records.map((r) => r.id) };
}
