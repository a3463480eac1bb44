import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer';
import { SynthError } from '../../src/errors.js';
import { findChromium, launchBrowser, openRuntimePage } from '../../src/render/browser.js';

describe('the render page', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  it('loads synth\'s runtime and refuses every other request', async () => {
    const blocked: string[] = [];
    const page = await openRuntimePage(browser, (url) => blocked.push(url));
    assert.equal(await page.evaluate(() => typeof (window as unknown as { synth?: unknown }).synth), 'object');
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/texture.png');
        return 'fetched';
      } catch {
        return 'refused';
      }
    });
    assert.equal(outcome, 'refused');
    assert.deepEqual(blocked, ['https://example.com/texture.png']);
    await page.close();
  });

  it('has a WebGL2 context and names its renderer', async () => {
    const page = await openRuntimePage(browser);
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const debug = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && debug ? String(gl.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : 'none';
    });
    assert.notEqual(renderer, 'none');
    await page.close();
  });
});

describe('findChromium', () => {
  it('names the path it could not find', () => {
    assert.throws(() => findChromium('/nowhere/chromium'), (e: unknown) => e instanceof SynthError && /Chromium not found at \/nowhere\/chromium/.test(e.message));
  });

  it('finds Debian\'s Chromium by default', () => {
    assert.match(findChromium(), /chromium/);
  });
});
