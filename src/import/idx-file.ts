import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SynthError } from '../errors.js';

/** An IDX array (the format of MNIST and Fashion-MNIST): unsigned bytes with their dimensions. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Reads an IDX file of unsigned bytes, gzip-compressed or not. */
export function readIdxFile(file: string): IdxArray {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new SynthError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new SynthError(`${file}: a corrupt gzip file (${(error as Error).message})`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new SynthError(`${file}: not an IDX file (bad magic number)`);
  if (bytes[2] !== 0x08) throw new SynthError(`${file}: IDX type 0x${bytes[2]!.toString(16)} is not supported (only unsigned bytes, 0x08)`);
  const rank = bytes[3]!;
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== offset + size) {
    throw new SynthError(`${file}: truncated or padded: ${bytes.length - offset} bytes of data for dimensions ${dims.join('×')}`);
  }
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, size) };
}
