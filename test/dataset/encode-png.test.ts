import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { encodePng } from '../../src/dataset/encode-png.js';
import { createRng } from '../../src/rng.js';

/** What encodePng wrote for small images before it stopped going through pngjs: datasets hold these bytes. */
function pngjsBytes(pixels: Buffer, width: number, height: number, channels: 1 | 3): Buffer {
  const colorType = channels === 1 ? 0 : 2;
  const png = new PNG({ width, height, colorType, inputColorType: colorType, inputHasAlpha: false });
  png.data = pixels;
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: false, filterType: 1, deflateLevel: 6 });
}

test('small PNGs are byte-identical to the pngjs encoding earlier datasets hold', async () => {
  const rng = createRng(5);
  const cases: [number, number, 1 | 3][] = [[28, 28, 1], [28, 28, 3], [1, 1, 1], [7, 3, 3], [64, 64, 1], [128, 128, 3]];
  for (const [width, height, channels] of cases) {
    const n = width * height * channels;
    const smooth = Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));
    const noisy = Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
    const sparse = Buffer.alloc(n);
    sparse.fill(200, Math.floor(n / 3), Math.floor(n / 2));
    for (const pixels of [smooth, noisy, sparse]) {
      assert.deepEqual(await encodePng(pixels, width, height, channels), pngjsBytes(pixels, width, height, channels), `${width}×${height}×${channels}`);
    }
  }
});

test('small PNGs decode to the pixels given', async () => {
  const pixels = Buffer.from(Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) % 256));
  const decoded = PNG.sync.read(await encodePng(pixels, 5, 4, 3));
  assert.equal(decoded.width, 5);
  assert.equal(decoded.height, 4);
  const rgb = Buffer.from(Array.from({ length: 20 }, (_, p) => [...decoded.data.subarray(p * 4, p * 4 + 3)]).flat());
  assert.deepEqual(rgb, pixels);
});
