import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { inDataset } from '../dataset/index.js';
import { SynthError } from '../errors.js';

const GREY = 0;

/**
 * A record's instance mask as one byte a pixel, row-major (value k = the object whose instance is
 * k, 0 = background). The mask must be an 8-bit grey PNG of the image's size. Read with pngjs, which
 * reports the stored colour type and bit depth (sharp would silently widen grey to RGB).
 */
export async function readMask(dataset: string, file: string, width: number, height: number): Promise<Uint8Array> {
  const where = inDataset(dataset, file);
  let png: PNG & { colorType?: number; depth?: number };
  try {
    png = PNG.sync.read(await readFile(where), { skipRescale: true });
  } catch (error) {
    throw new SynthError(`${where}: cannot read the instance mask (${(error as Error).message})`, { cause: error });
  }
  if (png.colorType !== GREY || png.depth !== 8) {
    throw new SynthError(`${where}: instance mask is a PNG of colour type ${png.colorType} with ${png.depth}-bit samples, expected 8-bit grey (colour type 0)`);
  }
  if (png.width !== width || png.height !== height) {
    throw new SynthError(`${where}: instance mask is ${png.width}×${png.height}, expected the image's ${width}×${height}`);
  }
  // pngjs hands back RGBA; grey is in every channel.
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = png.data[i * 4]!;
  return mask;
}
