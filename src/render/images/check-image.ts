import { inflateSync } from 'node:zlib';

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
}

/**
 * Checks, synchronously and without a full decode, that `bytes` are a whole PNG, JPEG or WebP
 * image that Chromium can decode: a known signature, a size, and no truncation (PNG: chunks in
 * bounds, image data that inflates to the rows the header promises; JPEG: an end-of-image marker
 * after the scan; WebP: the RIFF size). Throws an Error saying what is wrong.
 */
export function checkImage(bytes: Buffer): ImageHeader {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return checkPng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return checkJpeg(bytes);
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return checkWebp(bytes);
  throw new Error('not a PNG, JPEG or WebP image');
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function checkPng(bytes: Buffer): ImageHeader {
  let at = 8;
  let header: { width: number; height: number; rowBytes: number; interlaced: boolean } | undefined;
  const data: Buffer[] = [];
  for (;;) {
    if (at + 12 > bytes.length) throw new Error('PNG is truncated (no IEND chunk)');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = at + 8;
    if (body + length + 4 > bytes.length) throw new Error(`PNG is truncated (in its ${type} chunk)`);
    if (type === 'IHDR') {
      const width = bytes.readUInt32BE(body), height = bytes.readUInt32BE(body + 4);
      const depth = bytes[body + 8]!, channels = PNG_CHANNELS[bytes[body + 9]!];
      if (width === 0 || height === 0 || channels === undefined) throw new Error('PNG header is invalid');
      header = { width, height, rowBytes: 1 + Math.ceil((width * channels * depth) / 8), interlaced: bytes[body + 12] === 1 };
    } else if (type === 'IDAT') {
      data.push(bytes.subarray(body, body + length));
    } else if (type === 'IEND') {
      break;
    }
    at = body + length + 4;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  if (data.length === 0) throw new Error('PNG has no image data');
  let rows: Buffer;
  try {
    rows = inflateSync(Buffer.concat(data));
  } catch (error) {
    throw new Error(`PNG image data is corrupt (${(error as Error).message})`);
  }
  if (!header.interlaced && rows.length < header.rowBytes * header.height) throw new Error('PNG image data is shorter than its size');
  return { format: 'png', width: header.width, height: header.height };
}

function checkJpeg(bytes: Buffer): ImageHeader {
  let at = 2;
  let size: { width: number; height: number } | undefined;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`JPEG is corrupt (no marker at byte ${at})`);
    const marker = bytes[at + 1]!;
    if (marker === 0xff) { at++; continue; }
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame && at + 9 <= bytes.length) size = { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    if (marker === 0xda) {
      if (!size || size.width === 0 || size.height === 0) throw new Error('JPEG has no frame size before its scan');
      const end = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
      if (end < at + 2 + length) throw new Error('JPEG is truncated (no end-of-image marker)');
      return { format: 'jpeg', ...size };
    }
    at += 2 + length;
  }
  throw new Error('JPEG is truncated (no scan)');
}

function checkWebp(bytes: Buffer): ImageHeader {
  if (bytes.readUInt32LE(4) + 8 > bytes.length) throw new Error('WebP is truncated');
  const chunk = bytes.toString('latin1', 12, 16);
  let width = 0, height = 0;
  if (chunk === 'VP8X' && bytes.length >= 30) {
    width = 1 + bytes.readUIntLE(24, 3);
    height = 1 + bytes.readUIntLE(27, 3);
  } else if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
    const bits = bytes.readUInt32LE(21);
    width = 1 + (bits & 0x3fff);
    height = 1 + ((bits >> 14) & 0x3fff);
  } else if (chunk === 'VP8 ' && bytes.length >= 30 && bytes.readUIntBE(23, 3) === 0x9d012a) {
    width = bytes.readUInt16LE(26) & 0x3fff;
    height = bytes.readUInt16LE(28) & 0x3fff;
  }
  if (width === 0 || height === 0) throw new Error(`WebP has no readable size (first chunk ${JSON.stringify(chunk)})`);
  return { format: 'webp', width, height };
}
