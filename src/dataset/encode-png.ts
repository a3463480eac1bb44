import { PNG } from 'pngjs';
import sharp from 'sharp';

/** Up to this many bytes of pixels, encoding in-process beats sharp's per-call overhead (bench/render). */
const SMALL_IMAGE_BYTES = 128 * 128 * 3;

/**
 * PNG bytes of interleaved 8-bit grey or RGB pixels. Small images are encoded synchronously with
 * pngjs (Node's zlib; ~0.1 ms for 28×28) and larger ones with sharp (libvips, off the main thread;
 * ~1 ms whatever the size). Each size always takes the same path, so output bytes stay deterministic.
 */
export async function encodePng(pixels: Buffer, width: number, height: number, channels: 1 | 3): Promise<Buffer> {
  if (pixels.length <= SMALL_IMAGE_BYTES) {
    const colorType = channels === 1 ? 0 : 2;
    const png = new PNG({ width, height, colorType, inputColorType: colorType, inputHasAlpha: false });
    png.data = pixels;
    return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: false, filterType: 1, deflateLevel: 6 });
  }
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
