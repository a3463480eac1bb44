import { z } from 'zod';
import { SynthError } from '../errors.js';

/**
 * COCO run-length encoding of binary masks, as pycocotools writes it: pixels in column-major order
 * (down the first column, then the next), `counts` alternating runs of 0s and 1s starting with 0s
 * (so a mask whose first pixel is set starts with a 0 count), `size` = [height, width].
 *
 * The compressed form packs the counts into a string: from the fourth count on, each is stored as
 * the difference to the count two before it; each number goes out as 5-bit groups, low first, in
 * characters 48 + group (+ 32 when another group follows), the last group's high bit giving the sign.
 */

const Size = z.tuple([z.int().nonnegative(), z.int().nonnegative()]).describe('[height, width] of the mask');

export const Rle = z.strictObject({
  size: Size,
  counts: z.array(z.int().nonnegative()).describe('alternating runs of 0s and 1s in column-major order, starting with 0s'),
});
export type Rle = z.output<typeof Rle>;

export const CompressedRle = z.strictObject({
  size: Size,
  counts: z.string().regex(/^[0-o]*$/, 'expected pycocotools characters 0 to o').describe("pycocotools' compressed counts"),
});
export type CompressedRle = z.output<typeof CompressedRle>;

/** The RLE of a binary mask (row-major, one byte a pixel, nonzero = set). */
export function encodeMask(mask: Uint8Array, width: number, height: number): Rle {
  const binary = mask.map((v) => (v === 0 ? 0 : 1));
  return encodeInstances(binary, width, height, [1])[0]!;
}

/**
 * The RLE of each requested value of a label map (row-major, one byte a pixel) in one pass: the mask
 * of value v is the set of pixels equal to v. Values must be in 1..255.
 */
export function encodeInstances(labels: Uint8Array, width: number, height: number, values: readonly number[]): Rle[] {
  if (labels.length !== width * height) throw new Error(`label map has ${labels.length} pixels, expected ${width}×${height}`);
  const slot = new Int16Array(256).fill(-1);
  values.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 1 && v <= 255)) throw new Error(`instance value ${v} is not in 1..255`);
    slot[v] = i;
  });
  // Where each mask switches between 0 and 1, in column-major pixel order.
  const toggles = values.map(() => [] as number[]);
  let previous = 0;
  for (let x = 0, i = 0; x < width; x++) {
    for (let y = 0; y < height; y++, i++) {
      const v = labels[y * width + x]!;
      if (v === previous) continue;
      if (slot[previous]! >= 0) toggles[slot[previous]!]!.push(i);
      if (slot[v]! >= 0) toggles[slot[v]!]!.push(i);
      previous = v;
    }
  }
  const total = width * height;
  return toggles.map((at) => {
    const counts: number[] = [];
    let from = 0;
    for (const t of at) {
      counts.push(t - from);
      from = t;
    }
    counts.push(total - from);
    return { size: [height, width], counts };
  });
}

/** The mask (row-major, 0/1 a pixel) of either RLE form; the counts must cover the mask exactly. */
export function decodeRle(rle: Rle | CompressedRle): Uint8Array {
  const [height, width] = rle.size;
  const counts = typeof rle.counts === 'string' ? decompressRle(rle as CompressedRle).counts : rle.counts;
  const total = counts.reduce((s, c) => s + c, 0);
  if (total !== height * width) {
    throw new SynthError(`RLE counts cover ${total} pixels, but size [${height}, ${width}] has ${height * width}`);
  }
  const mask = new Uint8Array(height * width);
  let i = 0;
  counts.forEach((count, k) => {
    if (k % 2 === 1) {
      for (let j = i; j < i + count; j++) mask[(j % height) * width + Math.floor(j / height)] = 1;
    }
    i += count;
  });
  return mask;
}

/** pycocotools' compressed string of the counts (`rleToString`). */
export function compressRle(rle: Rle): CompressedRle {
  let text = '';
  rle.counts.forEach((count, i) => {
    // pycocotools stores differences from the fourth count on (i > 2, not i >= 2).
    let x = i > 2 ? count - rle.counts[i - 2]! : count;
    for (let more = true; more; ) {
      const group = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = group & 0x10 ? x !== -1 : x !== 0;
      text += String.fromCharCode(48 + group + (more ? 0x20 : 0));
    }
  });
  return { size: [rle.size[0], rle.size[1]], counts: text };
}

/** The counts of pycocotools' compressed string (`rleFrString`). */
export function decompressRle(rle: CompressedRle): Rle {
  const counts: number[] = [];
  const text = rle.counts;
  for (let p = 0; p < text.length; ) {
    let x = 0;
    let scale = 1;
    for (let more = true; more; p++) {
      if (p >= text.length) throw new SynthError(`compressed RLE ${JSON.stringify(clip(text))}: ends inside a number`);
      const c = text.charCodeAt(p) - 48;
      if (c < 0 || c > 63) throw new SynthError(`compressed RLE ${JSON.stringify(clip(text))}: character ${JSON.stringify(text[p])} is not in 0..o`);
      x += (c & 0x1f) * scale;
      scale *= 32;
      more = (c & 0x20) !== 0;
      // The last group's high bit is the sign: the value is negative, as two's complement of its bits.
      if (!more && c & 0x10) x -= scale;
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    if (x < 0) throw new SynthError(`compressed RLE ${JSON.stringify(clip(text))}: count ${counts.length} is negative (${x})`);
    counts.push(x);
  }
  return { size: [rle.size[0], rle.size[1]], counts };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
