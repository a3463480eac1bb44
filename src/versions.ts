import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from './package-dir.js';

const synthRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function packageVersion(name: string): string {
  const dir = name === 'synth' ? synthRoot : packageDir(name);
  try {
    return (JSON.parse(readFileSync(path.join(dir ?? '', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Versions of what made a dataset, recorded in dataset.json. */
export function versions(extra: Record<string, string> = {}): Record<string, string> {
  return {
    synth: packageVersion('synth'),
    node: process.versions.node,
    three: packageVersion('three'),
    puppeteer: packageVersion('puppeteer'),
    sharp: packageVersion('sharp'),
    ...extra,
  };
}
