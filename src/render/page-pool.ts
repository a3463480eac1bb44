import type { Browser } from 'puppeteer';
import { type AssetFiles, launchBrowser } from './browser.js';
import type { FrameSpec } from './frame-spec.js';
import type { PageInfo, PageInit } from './page-protocol.js';
import { RenderPage, type RenderedFrame } from './render-page.js';

export interface PagePoolOptions {
  size: number;
  init: PageInit;
  /** The scene's images the pages may fetch. */
  assets?: AssetFiles | undefined;
  chromium?: string | undefined;
  /** Replace a page after it has rendered this many frames, so page memory stays flat on long runs. Default RECYCLE_AFTER; 0: never. */
  recycleAfter?: number | undefined;
  /** Attempts per batch when a page or the browser dies mid-batch. */
  attempts?: number | undefined;
}

/**
 * Batches sent to a page at once. The page runs them one after the other; the second waits inside
 * Chromium, so the page starts it the moment the first is done instead of idling for a round trip.
 */
export const BATCHES_PER_PAGE = 2;

/**
 * Frames a page renders before it is replaced. A fresh digits page costs ~1.2 s to open and init
 * and ~2-3 s of slower first frames (glyph geometries, shaders): 200-350 images of a 2-page run, so
 * ~1-2% of throughput at this N, while a page that leaked like the old per-frame lights (0.3 KB a
 * frame) stays within ~6 MB. Measured pages no longer grow; this is insurance (bench/README.md).
 */
export const RECYCLE_AFTER = 20_000;

interface PageState {
  inFlight: number;
  served: number;
  /** Take no more batches; replace the page once its last batch is back. */
  retiring: boolean;
  replacing: boolean;
}

/**
 * A browser and `size` initialised pages, each taking up to BATCHES_PER_PAGE batches. A page that
 * fails is replaced (the browser relaunched if it died) and the batch tried again, so a crash costs
 * one batch's time, not the run.
 */
export class PagePool {
  /** One entry per free batch slot. */
  private readonly slots: RenderPage[] = [];
  private readonly waiters: { resolve: (page: RenderPage) => void; reject: (error: unknown) => void }[] = [];
  private readonly states = new Map<RenderPage, PageState>();
  private relaunching: Promise<void> | undefined;
  /** Pages replaced so far, recycled or failed. */
  replaced = 0;
  private failure: unknown;
  private closed = false;

  private constructor(private browser: Browser, readonly info: PageInfo, readonly browserVersion: string, private readonly options: PagePoolOptions) {}

  static async open(options: PagePoolOptions): Promise<PagePool> {
    const browser = await launchBrowser(options.chromium);
    try {
      const first = await RenderPage.open(browser, options.init, options.assets);
      const pool = new PagePool(browser, first.info, await browser.version(), options);
      // Staggered, so that the first pages are not all replaced at the same moment.
      const stagger = (i: number) => Math.floor((i * pool.recycleAfter) / options.size);
      pool.adopt(first, stagger(0));
      for (let i = 1; i < options.size; i++) pool.adopt(await RenderPage.open(browser, options.init, options.assets), stagger(i));
      return pool;
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  }

  /** URLs the pages tried to load and were refused (a scene asking for the network, for example). */
  blocked(): string[] {
    return [...this.states.keys()].flatMap((p) => p.blocked);
  }

  async render(frames: FrameSpec[]): Promise<RenderedFrame[]> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const page = await this.acquire();
      const state = this.states.get(page)!;
      state.inFlight++;
      try {
        const result = await page.render(frames);
        state.served += frames.length;
        if (this.recycleAfter > 0 && state.served >= this.recycleAfter) state.retiring = true;
        return result;
      } catch (error) {
        state.retiring = true;
        if (this.closed || attempt >= attempts) throw error;
      } finally {
        state.inFlight--;
        this.giveBack(page);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.browser.close().catch(() => {});
  }

  private get recycleAfter(): number {
    return this.options.recycleAfter ?? RECYCLE_AFTER;
  }

  private adopt(page: RenderPage, served = 0): void {
    this.states.set(page, { inFlight: 0, served, retiring: false, replacing: false });
    for (let i = 0; i < BATCHES_PER_PAGE; i++) this.release(page);
  }

  private acquire(): Promise<RenderPage> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    while (this.slots.length > 0) {
      const page = this.slots.pop()!;
      const state = this.states.get(page);
      if (state === undefined || state.retiring) continue; // a slot of a page being replaced
      if (page.page.isClosed() || !page.page.browser().connected) {
        state.retiring = true;
        this.giveBack(page);
        continue;
      }
      return Promise.resolve(page);
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(page: RenderPage): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(page);
    else this.slots.push(page);
  }

  private giveBack(page: RenderPage): void {
    const state = this.states.get(page);
    if (state === undefined) return;
    if (!state.retiring) {
      this.release(page);
    } else if (state.inFlight === 0 && !state.replacing && !this.closed) {
      state.replacing = true;
      this.states.delete(page);
      this.replace(page).catch((error: unknown) => {
        this.failure ??= error;
        for (const waiter of this.waiters.splice(0)) waiter.reject(error);
      });
    }
  }

  private async replace(page: RenderPage): Promise<void> {
    await page.close();
    await this.ensureBrowser();
    this.adopt(await RenderPage.open(this.browser, this.options.init, this.options.assets));
    this.replaced++;
  }

  /** After a browser crash, one new browser, however many pages notice the crash. */
  private async ensureBrowser(): Promise<void> {
    if (this.browser.connected) return;
    this.relaunching ??= (async () => {
      await this.browser.close().catch(() => {});
      this.browser = await launchBrowser(this.options.chromium);
    })().finally(() => {
      this.relaunching = undefined;
    });
    await this.relaunching;
  }
}
