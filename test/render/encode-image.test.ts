import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { encodeImage } from '../../src/render/encode-image.js';
import { cropPixels, fitCrop } from '../../src/render/fit-crop.js';
import { OutputSpec } from '../../src/render/scene-schema.js';

/** A w×h frame of `channels` with a bright rectangle (and its id mask) at [x0, x1) × [y0, y1). */
function frame(channels: 1 | 3, w: number, h: number, x0: number, y0: number, x1: number, y1: number) {
  const pixels = Buffer.alloc(w * h * channels);
  const ids = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inside = x >= x0 && x < x1 && y >= y0 && y < y1;
      pixels.set((inside ? [250, 240, 230] : [30, 20, 10]).slice(0, channels), (y * w + x) * channels);
      ids[y * w + x] = inside ? 1 : 0;
    }
  }
  return { pixels, ids, width: w, height: h, objectBox: [x0, y0, x1 - x0, y1 - y0] as [number, number, number, number] };
}

async function decode(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const meta = await sharp(png).metadata();
  return { data, info, channels: meta.channels };
}

describe('encodeImage', () => {
  it('writes RGB frames as they are', async () => {
    const f = frame(3, 16, 12, 2, 3, 6, 9);
    const out = await decode((await encodeImage(f, OutputSpec.parse({}))).png);
    assert.deepEqual([out.info.width, out.info.height, out.channels], [16, 12, 3]);
    assert.deepEqual([...out.data.subarray((4 * 16 + 3) * 3, (4 * 16 + 3) * 3 + 3)], [250, 240, 230]);
  });

  it('writes grey as a one-channel PNG', async () => {
    const out = await decode((await encodeImage(frame(1, 16, 12, 2, 3, 6, 9), OutputSpec.parse({ colour: 'grey' }))).png);
    assert.equal(out.channels, 1);
    assert.equal(out.data[(4 * 16 + 3) * out.info.channels], 250);
    assert.equal(out.data[0], 30);
  });

  it("leaves the caller's pixels alone when masking the background", async () => {
    const f = frame(1, 16, 12, 2, 3, 6, 9);
    const before = Buffer.from(f.pixels);
    await encodeImage(f, OutputSpec.parse({ colour: 'grey', fit: { box: 8, canvas: 10, maskBackground: true } }));
    assert.ok(f.pixels.equals(before));
  });

  it('fits the object into the box and centres its mass on the canvas, as MNIST does', async () => {
    const f = frame(1, 64, 64, 10, 5, 30, 45); // 20 × 40 object, far from the centre
    const spec = OutputSpec.parse({ colour: 'grey', fit: { box: 20, canvas: 28, maskBackground: true } });
    const encoded = await encodeImage(f, spec);
    const out = await decode(encoded.png);
    assert.deepEqual([out.info.width, out.info.height], [28, 28]);
    let [sum, sx, sy, minX, maxX, minY, maxY] = [0, 0, 0, 99, -1, 99, -1];
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const v = out.data[(y * 28 + x) * out.info.channels]!;
        sum += v; sx += v * (x + 0.5); sy += v * (y + 0.5);
        if (v > 128) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
      }
    }
    assert.ok(Math.abs(sx / sum - 14) <= 0.5 && Math.abs(sy / sum - 14) <= 0.5, `centre of mass ${sx / sum}, ${sy / sum}`);
    assert.equal(maxY - minY + 1, 20, 'the long side fills the box');
    assert.ok(Math.abs(maxX - minX + 1 - 10) <= 1, 'the aspect ratio is kept');
    const [bx, by, bw, bh] = encoded.mapBox(f.objectBox);
    assert.ok(Math.abs(bx - minX) <= 1 && Math.abs(by - minY) <= 1, `mapped box ${bx}, ${by} vs drawn ${minX}, ${minY}`);
    assert.ok(Math.abs(bx + bw - (maxX + 1)) <= 1 && Math.abs(by + bh - (maxY + 1)) <= 1, 'mapped box matches the drawn object');
  });
});

describe('encodeImage on a window of the frame', () => {
  const spec = OutputSpec.parse({ colour: 'grey', fit: { box: 12, canvas: 16, padding: 1.5, maskBackground: true } });
  const f = frame(1, 40, 30, 9, 6, 21, 25);
  const crop = fitCrop(f.objectBox, 1.5, 40, 30);
  const windowed = { ...f, pixels: Buffer.from(cropPixels(f.pixels, 40, 1, crop)), window: crop };

  it('writes the same image and labels from the fit\'s crop alone as from the whole frame', async () => {
    assert.deepEqual(crop, { x: 7, y: 4, width: 16, height: 23 });
    const whole = await encodeImage(f, spec);
    const part = await encodeImage(windowed, spec);
    assert.ok(part.png.equals(whole.png));
    assert.deepEqual(part.size, whole.size);
    assert.deepEqual(part.mapLabels(f.ids), whole.mapLabels(f.ids));
    assert.deepEqual(part.mapBox(f.objectBox), whole.mapBox(f.objectBox));
  });

  it('maps labels held in a Buffer (as the page returns them) to a Buffer, without the deprecated Buffer(n)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const image = await encodeImage(f, spec);
      const mapped = image.mapLabels(Buffer.from(f.ids));
      assert.ok(Buffer.isBuffer(mapped));
      assert.deepEqual(new Uint8Array(mapped), image.mapLabels(f.ids));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  it('refuses a window that misses part of the crop, or one without a fit or with JPEG', async () => {
    const short = { ...windowed, pixels: Buffer.from(cropPixels(f.pixels, 40, 1, { ...crop, width: 15 })), window: { ...crop, width: 15 } };
    await assert.rejects(encodeImage(short, spec), /the fit reads 16×23 at 7,4, outside the 15×23 window at 7,4/);
    await assert.rejects(encodeImage(windowed, OutputSpec.parse({ colour: 'grey' })), /a 16×23 window of a 40×30 frame; only a fit without JPEG/);
    await assert.rejects(encodeImage({ ...windowed, jpegQuality: 50 }, spec), /only a fit without JPEG reads part of a frame/);
  });
});

describe('encodeImage subsample', () => {
  /** A 40 × 20 object of one-pixel columns, 250 and 100 by turns, whose first four columns are black. */
  function stripes() {
    const f = frame(1, 64, 48, 8, 10, 48, 30);
    for (let y = 10; y < 30; y++) for (let x = 8; x < 48; x++) f.pixels[y * 64 + x] = x < 12 ? 0 : x % 2 === 0 ? 250 : 100;
    return f;
  }
  const spec = OutputSpec.parse({ colour: 'grey', fit: { box: 9, canvas: 12, centre: 'box', maskBackground: true, subsample: { from: 40 } } });

  it('fits to `from` px, trims black edges, then picks pixels down to box without averaging', async () => {
    const f = stripes();
    const encoded = await encodeImage(f, spec);
    const { data, info } = await decode(encoded.png);
    assert.deepEqual([info.width, info.height], [12, 12]);
    // Averaged at 40 px (the object's own size) nothing changes; the lit 36 × 20 then shrinks to 9 × 5
    // by taking columns 12 + 4i + 2 (all even, all 250) and rows 10 + 4j + 2, placed at (2, 4) by its box centre.
    const at = (x: number, y: number) => data[(y * 12 + x) * info.channels]!;
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 12; x++) {
        const inside = x >= 2 && x < 11 && y >= 4 && y < 9;
        assert.equal(at(x, y), inside ? 250 : 0, `pixel ${x},${y}`);
      }
    }
    assert.deepEqual(encoded.mapBox([12, 10, 36, 20]), [2, 4, 9, 5], 'the lit part maps onto the written object');
    const labels = encoded.mapLabels(f.ids);
    assert.equal(labels.reduce((n, v) => n + v, 0), 9 * 5);
    assert.equal(labels[4 * 12 + 2], 1);
  });

  it('refuses `from` smaller than box, naming the field', () => {
    const parsed = OutputSpec.safeParse({ fit: { box: 28, canvas: 28, subsample: { from: 20 } } });
    assert.ok(!parsed.success);
    assert.deepEqual(parsed.error.issues.map((i) => [i.path.join('.'), i.message]), [['fit.subsample.from', 'expected from >= box (subsampling only shrinks)']]);
  });
});

describe('encodeImage sharpen', () => {
  /** A grey object: a dim left half and a bright right half, on black. */
  function twoTone() {
    const f = frame(1, 32, 32, 4, 4, 28, 28);
    for (let y = 4; y < 28; y++) for (let x = 4; x < 16; x++) f.pixels[y * 32 + x] = 100;
    return f;
  }
  const fit = { box: 24, canvas: 28, centre: 'box', maskBackground: true };

  it('steepens edges inside the object and keeps the background black', async () => {
    const grey = async (spec: unknown) => {
      const { data, info } = await decode((await encodeImage(twoTone(), OutputSpec.parse(spec))).png);
      return Array.from({ length: 28 * 28 }, (_, i) => data[i * info.channels]!);
    };
    const plain = await grey({ colour: 'grey', fit });
    const sharp = await grey({ colour: 'grey', fit: { ...fit, sharpen: { amount: 1, sigma: 1 } } });
    const row = (d: number[], y: number) => d.slice(y * 28, y * 28 + 28);
    const p = row(plain, 14), s = row(sharp, 14);
    assert.deepEqual([p[13], p[14]], [100, 250], 'the edge is between columns 13 and 14');
    assert.ok(s[13]! < 100 && s[14]! > 250, `dim side darker, bright side brighter at the edge: ${s.slice(11, 17)}`);
    assert.equal(s[7], 100, 'flat areas away from edges keep their value');
    for (let i = 0; i < 28 * 28; i++) assert.equal(sharp[i] === 0, plain[i] === 0, `pixel ${i} keeps its background/object mask`);
  });

  it('refuses a sharpen amount that is not positive, naming the field', () => {
    const result = OutputSpec.safeParse({ colour: 'grey', fit: { ...fit, sharpen: { amount: 0, sigma: 1 } } });
    assert.equal(result.success, false);
    assert.deepEqual(result.error!.issues[0]!.path, ['fit', 'sharpen', 'amount']);
  });
});

describe('encodeImage negate', () => {
  // Two pixels of the light background are kept around the object, so the negative must black them out itself.
  const fit = { box: 24, canvas: 28, centre: 'box', padding: 2 };
  /** A 24 × 24 object on a 32 × 32 frame: grey 100 on its left half, white on its right, on a light background. */
  function twoTone(channels: 1 | 3) {
    const f = frame(channels, 32, 32, 4, 4, 28, 28);
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const inside = f.ids[y * 32 + x] !== 0;
        const v = !inside ? 200 : x < 16 ? 100 : 255;
        for (let c = 0; c < channels; c++) f.pixels[(y * 32 + x) * channels + c] = v;
      }
    }
    return f;
  }

  it('writes the object as its negative on black, keeping white object pixels apart from the background', async () => {
    for (const channels of [1, 3] as const) {
      const spec = OutputSpec.parse({ colour: channels === 1 ? 'grey' : 'rgb', fit: { ...fit, negate: true } });
      const { data, info } = await decode((await encodeImage(twoTone(channels), spec)).png);
      const at = (x: number, y: number) => data[(y * 28 + x) * info.channels]!;
      assert.equal(at(2, 14), 0, 'the light background kept around the object is black');
      assert.equal(at(8, 14), 155, 'grey 100 becomes 255 - 100');
      assert.equal(at(20, 14), 1, 'white becomes 1, not background 0');
    }
  });

  it("leaves the caller's pixels alone and is off unless asked for", async () => {
    const f = twoTone(1);
    const before = Buffer.from(f.pixels);
    await encodeImage(f, OutputSpec.parse({ colour: 'grey', fit: { ...fit, negate: true } }));
    assert.ok(f.pixels.equals(before));
    const spec = OutputSpec.parse({ colour: 'grey', fit });
    assert.equal(spec.fit!.negate, undefined, 'a scene that does not ask keeps its parsed form (and bytes)');
    const { data, info } = await decode((await encodeImage(twoTone(1), spec)).png);
    assert.deepEqual([data[(14 * 28 + 2) * info.channels], data[(14 * 28 + 8) * info.channels]], [200, 100]);
  });
});
