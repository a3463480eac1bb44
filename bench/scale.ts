/**
 * bench/scale: a long digits render through renderDataset, watching memory and throughput. Passes when
 * peak RSS at the end is within 10% of the peak at the first 10% of images, and the last 10% of
 * images render at >= 90% of the rate of the first 10% (issue #8).
 *
 *   node [--expose-gc] dist/bench/scale.js [--count 100000] [--concurrency 2] [--recycle-after N|0] [--interval 1000] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ProcessMemory, processMemory } from '../src/process-memory.js';
import { renderDataset } from '../src/render/render-dataset.js';
import { repoRoot } from './bench-helpers.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    concurrency: { type: 'string' },
    'recycle-after': { type: 'string' },
    interval: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const interval = Number(values.interval);
const recycleAfter = values['recycle-after'] === undefined ? undefined : Number(values['recycle-after']);
const MEMORY_TARGET = 1.1;
const RATE_TARGET = 0.9;

type Sample = ProcessMemory & { done: number; seconds: number };
const samples: Sample[] = [];
let done = 0;
let startedAt: number | undefined;
/** Last progress event at or before 10% of the images, and at or before 90%. */
let at10: { done: number; at: number } | undefined;
let at90: { done: number; at: number } | undefined;
let last = { done: 0, at: 0 };

const sample = () => {
  if (startedAt === undefined) return;
  samples.push({ ...processMemory(), done, seconds: (performance.now() - startedAt) / 1000 });
};
const timer = setInterval(sample, interval);

const out = mkdtempSync(path.join(os.tmpdir(), 'synth-bench-scale-'));
let summary: Awaited<ReturnType<typeof renderDataset>>;
try {
  summary = await renderDataset({
    scene: path.join(repoRoot, 'scenes/digits.yaml'),
    out, count, seed: 8,
    concurrency: values.concurrency === undefined ? undefined : Number(values.concurrency),
    recycleAfter,
    onStart: () => {
      startedAt = performance.now();
      sample();
    },
    onProgress: (p) => {
      const at = performance.now();
      const before = done;
      done = p.done;
      if (done <= count * 0.1 || at10 === undefined) at10 = { done, at };
      if (done <= count * 0.9) at90 = { done, at };
      last = { done, at };
      // A sample at each tenth, so short runs have them too.
      if (Math.floor((10 * done) / count) > Math.floor((10 * before) / count)) {
        sample();
        const s = samples.at(-1)!;
        if (!values.json) console.error(`${done}/${count} after ${s.seconds.toFixed(0)} s: rss node ${mb(s.node)} MB, browser ${mb(s.children)} MB${heapAfterGc()}`);
      }
    },
  });
} finally {
  clearInterval(timer);
  rmSync(out, { recursive: true, force: true });
}

/** Run with node --expose-gc to see Node's live heap at each tenth, which RSS hides behind the collector's sawtooth. */
function heapAfterGc(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return '';
  gc();
  const m = process.memoryUsage();
  return `, node heap after gc ${mb(m.heapUsed)} MB (+${mb(m.external)} MB external)`;
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function peak(of: Sample[]): { node: number; browser: number; total: number } {
  return {
    node: Math.max(...of.map((s) => s.node)),
    browser: Math.max(...of.map((s) => s.children)),
    total: Math.max(...of.map((s) => s.node + s.children)),
  };
}

const early = peak(samples.filter((s) => s.done <= count * 0.1));
const end = peak(samples);
const memoryRatio = end.total / early.total;
const firstRate = at10!.done / ((at10!.at - startedAt!) / 1000);
const lastRate = (last.done - at90!.done) / ((last.at - at90!.at) / 1000);
const rateRatio = lastRate / firstRate;
const result = {
  count, concurrency: summary.concurrency, recycleAfter: recycleAfter ?? 'default', renderer: summary.renderer, seconds: summary.seconds,
  peakRssAt10Percent: early, peakRssAtEnd: end, memoryRatio, memoryPass: memoryRatio <= MEMORY_TARGET,
  firstTenthImgPerS: firstRate, lastTenthImgPerS: lastRate, rateRatio, ratePass: rateRatio >= RATE_TARGET,
  samples: samples.length,
};

if (values.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const line = (p: typeof early) => `node ${mb(p.node)} MB, browser ${mb(p.browser)} MB, total ${mb(p.total)} MB`;
  console.log(`scale count=${count} pages=${summary.concurrency} recycle_after=${result.recycleAfter} seconds=${summary.seconds.toFixed(0)} renderer=${summary.renderer}`);
  console.log(`peak_rss_at_10pct ${line(early)}`);
  console.log(`peak_rss_at_end   ${line(end)}`);
  console.log(`memory_ratio=${memoryRatio.toFixed(3)} (target <= ${MEMORY_TARGET}) ${result.memoryPass ? 'PASS' : 'FAIL'}`);
  console.log(`rate_first_10pct img_per_s=${firstRate.toFixed(0)} rate_last_10pct img_per_s=${lastRate.toFixed(0)}`);
  console.log(`rate_ratio=${rateRatio.toFixed(3)} (target >= ${RATE_TARGET}) ${result.ratePass ? 'PASS' : 'FAIL'}`);
}
