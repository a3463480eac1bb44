import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { SynthError } from '../errors.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to launch: an explicit path, then $SYNTH_CHROMIUM, then the usual install locations. */
export function findChromium(explicit?: string): string {
  const fromEnv = process.env.SYNTH_CHROMIUM;
  const named = explicit ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  if (named !== undefined) {
    if (!existsSync(named)) throw new SynthError(`Chromium not found at ${named} (from ${explicit !== undefined ? '--chromium' : 'SYNTH_CHROMIUM'})`);
    return named;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new SynthError('Chromium not found: install Debian\'s (apt-get install chromium) or set SYNTH_CHROMIUM to its path', { exitCode: 3 });
  }
  return found;
}

/**
 * Launches headless Chromium talking over a pipe (no DevTools port: nothing listens), with background
 * networking off. WebGL uses the GPU when there is one and SwiftShader otherwise.
 */
export async function launchBrowser(executablePath?: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium(executablePath),
    headless: true,
    pipe: true,
    protocolTimeout: 300_000,
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--mute-audio',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
    ],
  });
}

/** The origin the page is served from. Requests are answered from memory; nothing goes to the network. */
export const PAGE_ORIGIN = 'https://synth.invalid';

const here = path.dirname(fileURLToPath(import.meta.url));
let runtimeSource: string | undefined;

function runtimeScript(): string {
  if (runtimeSource === undefined) {
    const file = path.resolve(here, '../../page/runtime.js');
    if (!existsSync(file)) throw new Error(`the page runtime is missing at ${file}: run \`npm run build\``);
    runtimeSource = readFileSync(file, 'utf8');
  }
  return runtimeSource;
}

/** Files a page may fetch under /assets/ (see assetPath): the name frames use → its absolute path. */
export type AssetFiles = Readonly<Record<string, string>>;

const ASSET_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/**
 * Opens a page that has loaded synth's runtime and nothing else: every request other than the
 * runtime's own and the scene's listed `assets` is aborted and reported through `onBlocked`.
 */
export async function openRuntimePage(browser: Browser, onBlocked: (url: string) => void = () => {}, assets: AssetFiles = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const asset = assetFile(url, assets);
    if (url === `${PAGE_ORIGIN}/`) {
      void request.respond({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body><script src="/runtime.js"></script></body>' });
    } else if (url === `${PAGE_ORIGIN}/runtime.js`) {
      void request.respond({ status: 200, contentType: 'text/javascript', body: runtimeScript() });
    } else if (url.startsWith('data:')) {
      void request.continue();
    } else if (asset !== undefined) {
      readFile(asset).then(
        (body) => request.respond({ status: 200, contentType: ASSET_TYPES[path.extname(asset).toLowerCase()] ?? 'application/octet-stream', body }),
        () => request.respond({ status: 404, contentType: 'text/plain', body: `cannot read ${asset}` }),
      ).catch(() => {});
    } else {
      onBlocked(url);
      void request.abort('blockedbyclient');
    }
  });
  await page.goto(`${PAGE_ORIGIN}/`, { waitUntil: 'load' });
  return page;
}

/** The listed file a request under /assets/ names; undefined for anything else. */
function assetFile(url: string, assets: AssetFiles): string | undefined {
  const prefix = `${PAGE_ORIGIN}/assets/`;
  if (!url.startsWith(prefix)) return undefined;
  let name: string;
  try {
    name = new URL(url).pathname.slice('/assets/'.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  return Object.hasOwn(assets, name) ? assets[name] : undefined;
}
