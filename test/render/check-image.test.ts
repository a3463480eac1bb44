import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { checkImage } from '../../src/render/images/check-image.js';

async function encoded(format: 'png' | 'jpeg' | 'webp', lossless = false): Promise<Buffer> {
  const raw = Buffer.alloc(40 * 30 * 3, 0);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 37) % 251;
  return sharp(raw, { raw: { width: 40, height: 30, channels: 3 } }).toFormat(format, format === 'webp' ? { lossless } : {}).toBuffer();
}

describe('checkImage', () => {
  it('reads the size of PNG, JPEG and WebP (lossy and lossless) images', async () => {
    for (const [format, lossless] of [['png', false], ['jpeg', false], ['webp', false], ['webp', true]] as const) {
      assert.deepEqual(checkImage(await encoded(format, lossless)), { format, width: 40, height: 30 }, `${format}${lossless ? ' lossless' : ''}`);
    }
  });

  it('finds truncated files', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const bytes = await encoded(format);
      assert.throws(() => checkImage(bytes.subarray(0, Math.floor(bytes.length * 0.7))), /truncated|corrupt|shorter/, format);
    }
  });

  it('finds corrupt PNG image data', async () => {
    const bytes = Buffer.from(await encoded('png'));
    const idat = bytes.indexOf('IDAT');
    bytes.fill(0x55, idat + 6, idat + 40);
    assert.throws(() => checkImage(bytes), /PNG image data is corrupt|shorter/);
  });

  it('says what it is not', () => {
    assert.throws(() => checkImage(Buffer.from('GIF89a not supported')), /not a PNG, JPEG or WebP image/);
    assert.throws(() => checkImage(Buffer.alloc(0)), /not a PNG, JPEG or WebP image/);
  });
});
