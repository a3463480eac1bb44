import { constants, crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import sharp from 'sharp';

/** Up to this many bytes of pixels, encoding in-process beats sharp's per-call overhead (bench/render). */
const SMALL_IMAGE_BYTES = 128 * 128 * 3;

/**
 * PNG bytes of interleaved 8-bit grey or RGB pixels. Small images are encoded synchronously in
 * process (Node's zlib) and larger ones with sharp (libvips, off the main thread; ~1 ms whatever the
 * size). Each size always takes the same path, so output bytes stay deterministic.
 */
export async function encodePng(pixels: Buffer, width: number, height: number, channels: 1 | 3): Promise<Buffer> {
  if (pixels.length <= SMALL_IMAGE_BYTES) return encodeSmallPng(pixels, width, height, channels);
  const image = sharp(pixels, { raw: { width, height, channels } });
  // sharp widens one-channel input to sRGB unless told to keep it grey.
  if (channels === 1) image.toColourspace('b-w');
  return image.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
}

/** PNG bytes of 16-bit grey values (depth images), encoded in-process. */
export function encodePng16(values: Uint16Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height, bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  return PNG.sync.write(png, { bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 6 });
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * One IHDR, one IDAT, IEND; every row Sub-filtered, deflated at level 6 with the RLE strategy: the
 * bytes pngjs wrote with those settings (filterType 1, deflateLevel 6, its default strategy), which
 * datasets rendered before hold. Written directly because pngjs's streams and per-call objects cost
 * several times the deflate itself at 28×28, three images a frame.
 */
export function encodeSmallPng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Buffer {
  const row = width * channels;
  const filtered = Buffer.allocUnsafe((row + 1) * height);
  for (let y = 0, o = 0; y < height; y++) {
    const at = y * row;
    filtered[o++] = 1; // Sub: each byte minus the same channel's byte to its left
    for (let x = 0; x < row; x++) filtered[o++] = pixels[at + x]! - (x >= channels ? pixels[at + x - channels]! : 0);
  }
  const idat = deflateSync(filtered, { level: 6, strategy: constants.Z_RLE });
  const png = Buffer.allocUnsafe(SIGNATURE.length + 25 + 12 + idat.length + 12);
  png.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  const chunk = (type: string, fill: (data: Buffer) => void, length: number) => {
    png.writeUInt32BE(length, at);
    png.write(type, at + 4, 'latin1');
    fill(png.subarray(at + 8, at + 8 + length));
    png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + length)), at + 8 + length);
    at += 12 + length;
  };
  chunk('IHDR', (d) => {
    d.writeUInt32BE(width, 0);
    d.writeUInt32BE(height, 4);
    d.set([8, channels === 1 ? 0 : 2, 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  }, 13);
  chunk('IDAT', (d) => d.set(idat), idat.length);
  chunk('IEND', () => {}, 0);
  return png;
}
