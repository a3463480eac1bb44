import type { Browser } from 'puppeteer';
import { launchBrowser } from './browser.js';
import type { FrameSpec } from './frame-spec.js';
import type { PageInfo, PageInit } from './page-protocol.js';
import { RenderPage, type RenderedFrame } from './render-page.js';

export interface PagePoolOptions {
  size: number;
  init: PageInit;
  chromium?: string | undefined;
  /** Replace a page after it has rendered this many frames, so page memory stays flat on long runs. */
  recycleAfter?: number;
  /** Attempts per batch when a page or the browser dies mid-batch. */
  attempts?: number;
}

/**
 * A browser and `size` initialised pages. `render` runs a batch on the next free page; a page that
 * fails is replaced (and the browser relaunched if it died) and the batch tried again, so a crash
 * costs one batch's time, not the run.
 */
export class PagePool {
  private readonly idle: RenderPage[] = [];
  private readonly waiters: ((page: RenderPage) => void)[] = [];
  private readonly served = new Map<RenderPage, number>();
  private closed = false;

  private constructor(private browser: Browser, readonly info: PageInfo, readonly browserVersion: string, private readonly options: PagePoolOptions) {}

  static async open(options: PagePoolOptions): Promise<PagePool> {
    const browser = await launchBrowser(options.chromium);
    try {
      const first = await RenderPage.open(browser, options.init);
      const pool = new PagePool(browser, first.info, await browser.version(), options);
      pool.release(first);
      for (let i = 1; i < options.size; i++) pool.release(await RenderPage.open(browser, options.init));
      return pool;
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  }

  /** URLs the pages tried to load and were refused (a scene asking for the network, for example). */
  blocked(): string[] {
    return [...this.served.keys(), ...this.idle].flatMap((p) => p.blocked);
  }

  async render(frames: FrameSpec[]): Promise<RenderedFrame[]> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      let page = await this.acquire();
      try {
        const result = await page.render(frames);
        const count = (this.served.get(page) ?? 0) + frames.length;
        this.served.set(page, count);
        if (this.options.recycleAfter !== undefined && count >= this.options.recycleAfter) page = await this.replace(page);
        this.release(page);
        return result;
      } catch (error) {
        if (this.closed) throw error;
        this.release(await this.replace(page));
        if (attempt >= attempts) throw error;
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.browser.close().catch(() => {});
  }

  private acquire(): Promise<RenderPage> {
    const page = this.idle.pop();
    if (page) return Promise.resolve(page);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(page: RenderPage): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(page);
    else this.idle.push(page);
  }

  private async replace(page: RenderPage): Promise<RenderPage> {
    this.served.delete(page);
    await page.close();
    await this.ensureBrowser();
    return RenderPage.open(this.browser, this.options.init);
  }

  private relaunching: Promise<void> | undefined;

  /** After a browser crash: a new browser, and fresh pages in place of the idle ones that died with it. */
  private async ensureBrowser(): Promise<void> {
    if (this.browser.connected) return;
    this.relaunching ??= (async () => {
      await this.browser.close().catch(() => {});
      this.browser = await launchBrowser(this.options.chromium);
      for (const dead of this.idle.splice(0)) {
        this.served.delete(dead);
        this.release(await RenderPage.open(this.browser, this.options.init));
      }
    })().finally(() => {
      this.relaunching = undefined;
    });
    await this.relaunching;
  }
}
