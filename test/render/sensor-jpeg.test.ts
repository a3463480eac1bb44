import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { encodeImage } from '../../src/render/encode-image.js';
import { OutputSpec } from '../../src/render/scene-schema.js';

/** A 64×48 frame with smooth gradients and a sharp-edged square: material JPEG changes visibly. */
function frame(channels: 1 | 3) {
  const [w, h] = [64, 48];
  const pixels = Buffer.alloc(w * h * channels);
  const ids = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inside = x >= 20 && x < 40 && y >= 12 && y < 30;
      const rgb = inside ? [240, 40, 40] : [x * 3, y * 4, 128];
      pixels.set(rgb.slice(0, channels), (y * w + x) * channels);
      ids[y * w + x] = inside ? 1 : 0;
    }
  }
  return { pixels, ids, width: w, height: h, objectBox: [20, 12, 20, 18] as [number, number, number, number] };
}

/** The PNG's pixels in the channels it was written with (sharp would widen grey to RGB). */
async function decoded(png: Buffer): Promise<{ data: Buffer; channels: number }> {
  const channels = (await sharp(png).metadata()).channels!;
  const image = sharp(png);
  if (channels === 1) image.toColourspace('b-w');
  return { data: await image.raw().toBuffer(), channels };
}

const meanAbsDiff = (a: Buffer, b: Buffer) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;

describe('JPEG quality (sensor.jpeg)', () => {
  it('writes a PNG carrying the artefacts of the sampled quality', async () => {
    const f = frame(3);
    const output = OutputSpec.parse({});
    const lossless = await decoded((await encodeImage(f, output)).png);
    assert.ok(lossless.data.equals(f.pixels));
    const low = await decoded((await encodeImage({ ...f, jpegQuality: 10 }, output)).png);
    const high = await decoded((await encodeImage({ ...f, jpegQuality: 95 }, output)).png);
    assert.equal(low.channels, 3);
    const [dLow, dHigh] = [meanAbsDiff(low.data, f.pixels), meanAbsDiff(high.data, f.pixels)];
    assert.ok(dLow > 3 * dHigh && dHigh > 0, `quality 10 differs by ${dLow}, quality 95 by ${dHigh}`);
    assert.ok(dHigh < 2);
    const again = await decoded((await encodeImage({ ...f, jpegQuality: 10 }, output)).png);
    assert.ok(again.data.equals(low.data), 'the same quality gives the same bytes');
  });

  it('keeps grey images grey, and applies before fit', async () => {
    const f = frame(1);
    const grey = await decoded((await encodeImage({ ...f, jpegQuality: 20 }, OutputSpec.parse({ colour: 'grey' }))).png);
    assert.equal(grey.channels, 1);
    assert.ok(meanAbsDiff(grey.data, f.pixels) > 0.5);
    const fit = OutputSpec.parse({ colour: 'grey', fit: { box: 20, canvas: 28 } });
    const fitted = await encodeImage({ ...f, jpegQuality: 20 }, fit);
    const plain = await encodeImage(f, fit);
    assert.ok(!fitted.png.equals(plain.png));
    assert.deepEqual(fitted.mapBox([20, 12, 20, 18]), plain.mapBox([20, 12, 20, 18]), 'boxes come from the ids, not the compressed pixels');
  });
});
