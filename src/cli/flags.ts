import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { Split } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import type { Shard } from '../render/index.js';
import { type BackendRequest, type DataSource, LR_SCHEDULES, type LrSchedule } from '../train/index.js';

/** Flag parsers and small helpers shared by the commands. Parsers throw commander's InvalidArgumentError (exit code 2). */

export function wholeNumber(min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    }
    return n;
  };
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(index >= 0 && count >= 1 && index < count)) throw new InvalidArgumentError('expected k/N with 0 <= k < N, such as 0/4');
  return { index, count };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveNumber(text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

export function fractionBelowOne(text: string): number {
  const n = Number(text);
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError('expected a number in [0, 1)');
  return n;
}

export function probability(text: string): number {
  const n = Number(text);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number in [0, 1]');
  return n;
}

export function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

export function parseSplit(text: string): Split {
  const result = Split.safeParse(text);
  if (!result.success) throw new SynthError(`--split: expected train, val or test, got ${JSON.stringify(text)}`);
  return result.data;
}

export function parseBackend(text: string): BackendRequest {
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(text)) throw new SynthError(`--backend: expected auto, tensorflow, wasm or cpu, got ${JSON.stringify(text)}`);
  return text as BackendRequest;
}

export function parseLrSchedule(text: string): LrSchedule {
  if (!(LR_SCHEDULES as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected ${LR_SCHEDULES.join(' or ')}`);
  return text as LrSchedule;
}

/** `DIR` or `DIR:weight` (a weight is a number after the last colon). */
export function parseDataFlag(text: string): DataSource {
  const match = /^(.*):([0-9]*\.?[0-9]+)$/.exec(text);
  if (!match) {
    const colon = text.lastIndexOf(':');
    if (colon > 0 && !existsSync(text) && existsSync(text.slice(0, colon))) {
      throw new SynthError(`--data ${text}: the weight after ':' must be a number > 0, got ${text.slice(colon + 1) || 'nothing'}`);
    }
    return { dir: text };
  }
  const weight = Number(match[2]);
  if (!(weight > 0)) throw new SynthError(`--data ${text}: the weight after ':' must be > 0`);
  return { dir: match[1]!, weight };
}

/**
 * The sources of `--data` with the recipes of `--augment`: `RECIPE` for every source (at most once),
 * or `DIR=RECIPE` for the source read from DIR, which then uses that recipe instead.
 */
export function sourcesWithRecipes(data: readonly string[], augment: readonly string[]): { data: DataSource[]; augment: string | undefined } {
  const sources = data.map(parseDataFlag);
  let all: string | undefined;
  for (const value of augment) {
    const eq = value.indexOf('=');
    if (eq < 0 || existsSync(value)) {
      if (all !== undefined) throw new SynthError(`--augment ${value}: a recipe for every source is already given (${all}); name one source's as DIR=RECIPE`);
      all = value;
      continue;
    }
    const dir = value.slice(0, eq);
    const named = sources.filter((s) => path.resolve(s.dir) === path.resolve(dir));
    if (named.length === 0) throw new SynthError(`--augment ${value}: ${dir} is not one of the --data folders (${sources.map((s) => s.dir).join(', ')})`);
    for (const source of named) {
      if (source.augment !== undefined) throw new SynthError(`--augment ${value}: ${dir} already has a recipe (${source.augment})`);
      source.augment = value.slice(eq + 1);
    }
  }
  return { data: sources, augment: all };
}

let interrupt: AbortController | undefined;

/**
 * Ctrl-C asks the running job to stop cleanly; a second Ctrl-C exits at once. One signal per
 * process, so that a command running several stages (quickstart) answers Ctrl-C once.
 */
export function interruptSignal(): AbortSignal {
  if (interrupt === undefined) {
    const controller = interrupt = new AbortController();
    process.on('SIGINT', () => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write('\nstopping: finishing the work in flight (Ctrl-C again to quit now)\n');
      controller.abort();
    });
  }
  return interrupt.signal;
}
