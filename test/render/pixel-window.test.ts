import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../src/render/browser.js';
import { cropPixels } from '../../src/render/fit-crop.js';
import type { FrameSpec } from '../../src/render/frame-spec.js';
import { loadScene } from '../../src/render/load-scene.js';
import { type RenderedFrame, RenderPage, pageInit } from '../../src/render/render-page.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { fixture } from '../helpers.js';

const scene = loadScene(fixture('scenes/tiny.yaml'));
const { width, height } = scene.spec.image;

/** The tight box [x0, y0, x1, y1) of the nonzero ids of a whole frame. */
function idsExtent(ids: Uint8Array): [number, number, number, number] {
  let [x0, y0, x1, y1] = [width, height, 0, 0];
  ids.forEach((id, p) => {
    if (id === 0) return;
    const [x, y] = [p % width, Math.floor(p / width)];
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
  });
  return [x0, y0, x1, y1];
}

describe('the page returns only the pixels a fit reads', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  it('crops to the objects plus padding, the same pixels as the whole frame; whole frames for JPEG frames', async () => {
    const root = createRng(11);
    const frames: FrameSpec[] = Array.from({ length: 6 }, (_, i) => sampleFrame(scene.spec, root, i));
    frames[5] = { ...frames[5]!, sensor: { exposure: null, motionBlur: null, defocus: null, noise: null, jpeg: { quality: 50 } } };
    const render = async (crop: boolean): Promise<RenderedFrame[]> => {
      const page = await RenderPage.open(browser, { ...pageInit(scene), ...(crop ? { crop: { padding: 1 } } : {}) });
      try {
        return await page.render(frames);
      } finally {
        await page.close();
      }
    };
    const [whole, cropped] = [await render(false), await render(true)];
    whole.forEach((w, i) => {
      const c = cropped[i]!;
      assert.deepEqual(w.window, { x: 0, y: 0, width, height });
      assert.ok(c.ids.equals(w.ids), `frame ${i}: ids differ`);
      assert.deepEqual(c.labels, w.labels);
      if (i === 5) {
        assert.deepEqual(c.window, w.window, 'a JPEG frame is sent whole');
        assert.ok(c.pixels.equals(w.pixels));
        return;
      }
      const [x0, y0, x1, y1] = idsExtent(w.ids);
      assert.ok(x1 > x0, `frame ${i} shows its object`);
      assert.deepEqual(c.window, {
        x: Math.max(0, x0 - 1), y: Math.max(0, y0 - 1), width: Math.min(width, x1 + 1) - Math.max(0, x0 - 1), height: Math.min(height, y1 + 1) - Math.max(0, y0 - 1),
      });
      assert.ok(c.pixels.equals(Buffer.from(cropPixels(w.pixels, width, 1, c.window))), `frame ${i}: cropped pixels differ`);
    });
  });
});
