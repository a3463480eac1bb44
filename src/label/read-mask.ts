import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { inDataset } from '../dataset/index.js';
import { SynthError } from '../errors.js';

const GREY = 0;

/**
 * A record's instance mask as one byte a pixel, row-major (value k = the object whose instance is
 * k, 0 = background). The mask must be an 8-bit grey PNG of the image's size.
 */
export async function readMask(dataset: string, file: string, width: number, height: number): Promise<Uint8Array> {
  const where = inDataset(dataset, file);
  return decodeGreyPng(await readFile(where), where, 'instance mask', 8, width, height) as Uint8Array;
}

/**
 * A grey label image of a dataset (instance or semantic mask: 8-bit; depth: 16-bit), one value a
 * pixel, row-major; read synchronously, for callers that cannot wait (augmentation's partners).
 */
export function readGreyImageSync(dataset: string, file: string, what: string, bits: 8 | 16, width: number, height: number): Uint8Array | Uint16Array {
  const where = inDataset(dataset, file);
  return decodeGreyPng(readFileSync(where), where, what, bits, width, height);
}

/**
 * Decodes with pngjs, which reports the stored colour type and bit depth (sharp would silently
 * widen grey to RGB), and checks both and the size against what the dataset says.
 */
function decodeGreyPng(bytes: Buffer, where: string, what: string, bits: 8 | 16, width: number, height: number): Uint8Array | Uint16Array {
  let png: PNG & { colorType?: number; depth?: number };
  try {
    png = PNG.sync.read(bytes, { skipRescale: true });
  } catch (error) {
    throw new SynthError(`${where}: cannot read the ${what} (${(error as Error).message})`, { cause: error });
  }
  if (png.colorType !== GREY || png.depth !== bits) {
    throw new SynthError(`${where}: ${what} is a PNG of colour type ${png.colorType} with ${png.depth}-bit samples, expected ${bits}-bit grey (colour type 0)`);
  }
  if (png.width !== width || png.height !== height) {
    throw new SynthError(`${where}: ${what} is ${png.width}×${png.height}, expected the image's ${width}×${height}`);
  }
  // pngjs hands back four channels a pixel (16-bit values with skipRescale); grey is in each.
  const data = png.data as unknown as ArrayLike<number>;
  const values = bits === 8 ? new Uint8Array(width * height) : new Uint16Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = data[i * 4]!;
  return values;
}
