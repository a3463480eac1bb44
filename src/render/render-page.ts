import type { Browser, Page } from 'puppeteer';
import type { FrameSpec } from './frame-spec.js';
import { decodeIdRuns } from './id-runs.js';
import type { FrameLabels, PageApi, PageInfo, PageInit } from './page-protocol.js';
import { type AssetFiles, openRuntimePage } from './browser.js';
import { outputChannels } from './encode-image.js';
import type { PixelRect } from './fit-crop.js';
import type { LoadedScene } from './load-scene.js';

/** One frame as read back from the page: its pixels in the output's channels and the instance-id pass, rows top-down. */
export interface RenderedFrame {
  frame: FrameSpec;
  /** The pixels of `window`: the whole frame, or with output.fit only what the fit reads (PageInit.crop). */
  pixels: Buffer;
  window: PixelRect;
  ids: Buffer;
  labels: FrameLabels;
  /** Big-endian u16 depths in units of the init's depth scale (0 = nothing hit), when depth is on. */
  depth: Buffer | null;
}

/** What a page needs to know about a scene before its first frame. */
export function pageInit(scene: LoadedScene): PageInit {
  const { width, height, antialias } = scene.spec.image;
  return {
    width, height, antialias,
    channels: outputChannels(scene.spec.output),
    glyphs: scene.glyphs,
    models: scene.models,
    depth: scene.spec.labels.depth ? { scale: scene.spec.labels.depthScale } : null,
    ...(scene.spec.output.fit ? { crop: { padding: scene.spec.output.fit.padding } } : {}),
  };
}

declare const window: { synth: PageApi };

/** A Chromium page with synth's runtime loaded and initialised for one scene. */
export class RenderPage {
  private constructor(
    readonly page: Page,
    readonly info: PageInfo,
    private readonly init: PageInit,
    readonly blocked: string[],
  ) {}

  /** `assets`: the scene's images the page may fetch (LoadedScene.images.files). */
  static async open(browser: Browser, init: PageInit, assets: AssetFiles = {}): Promise<RenderPage> {
    const blocked: string[] = [];
    const page = await openRuntimePage(browser, (url) => blocked.push(url), assets);
    const stack = new Error('page init failed');
    try {
      const info = await page.evaluate((i) => window.synth.init(i), init);
      return new RenderPage(page, info, init, blocked);
    } catch (error) {
      await page.close().catch(() => {});
      throw withPageMessage(stack, error);
    }
  }

  /** Renders the frames in one round trip; pixels cross as one base64 string, not as JSON numbers. */
  async render(frames: FrameSpec[]): Promise<RenderedFrame[]> {
    const stack = new Error(`rendering frames ${frames[0]?.index}..${frames.at(-1)?.index} failed`);
    let encoded: string;
    try {
      encoded = await this.page.evaluate((f) => window.synth.render(f), frames);
    } catch (error) {
      throw withPageMessage(stack, error);
    }
    const bytes = Buffer.from(encoded, 'base64');
    const area = this.init.width * this.init.height;
    let at = 0;
    const take = (n: number): Buffer => {
      if (at + n > bytes.length) throw new Error(`page returned ${bytes.length} bytes, too few for ${frames.length} frames`);
      at += n;
      return bytes.subarray(at - n, at);
    };
    const result = frames.map((frame): Omit<RenderedFrame, 'labels'> => {
      const head = take(8);
      const window = { x: head.readUInt16LE(0), y: head.readUInt16LE(2), width: head.readUInt16LE(4), height: head.readUInt16LE(6) };
      if (window.x + window.width > this.init.width || window.y + window.height > this.init.height) {
        throw new Error(`page returned a ${window.width}×${window.height} window at ${window.x},${window.y}, outside the ${this.init.width}×${this.init.height} frame`);
      }
      const pixels = take(window.width * window.height * this.init.channels);
      const runs = take(take(4).readUInt32LE(0));
      const ids = decodeIdRuns(runs, area);
      const depth = this.init.depth ? take(area * 2) : null;
      return { frame, pixels, window, ids: Buffer.from(ids.buffer, ids.byteOffset, ids.length), depth };
    });
    const labels = JSON.parse(take(take(4).readUInt32LE(0)).toString('utf8')) as FrameLabels[];
    if (at !== bytes.length || labels.length !== frames.length) {
      throw new Error(`page returned ${bytes.length} bytes and ${labels.length} labels for ${frames.length} frames, expected ${at} bytes`);
    }
    return result.map((r, i) => ({ ...r, labels: labels[i]! }));
  }

  /** Milliseconds the page takes to render and read back these frames with nothing else going on. */
  async time(frames: FrameSpec[], idPass = true): Promise<number> {
    return this.page.evaluate((f, ids) => window.synth.time(f, ids), frames, idPass);
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => {});
  }
}

/** Keeps the Node stack (which names the frames) and adds what the page said. */
function withPageMessage(stack: Error, error: unknown): Error {
  stack.message = `${stack.message}: ${error instanceof Error ? error.message : String(error)}`;
  stack.cause = error;
  return stack;
}
