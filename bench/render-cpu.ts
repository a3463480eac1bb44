/**
 * bench/render-cpu: CPU milliseconds per image, per process (Node, and Chromium's browser, GPU,
 * renderer and other processes), for the whole pipeline and for the bare render loop of
 * bench/render. CPU time, unlike a wall-clock rate, does not move when other work loads the
 * machine; on 2 cores every millisecond spent outside the GPU process is taken from SwiftShader.
 * Both sides are measured warm: the bare loop after 600 frames per page, the pipeline after its
 * first `--warm` images (default 600 per page, as bench/render).
 *
 *   node dist/bench/render-cpu.js [--scene scenes/digits.yaml] [--count 1500] [--warm N] [--concurrency 2] [--only bare|pipeline]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { descendants } from '../src/process-memory.js';
import { launchBrowser } from '../src/render/browser.js';
import { loadScene } from '../src/render/load-scene.js';
import { renderDataset } from '../src/render/render-dataset.js';
import { RenderPage, pageInit } from '../src/render/render-page.js';
import { sampleFrame } from '../src/render/sample-frame.js';
import { createRng } from '../src/rng.js';
import { repoRoot } from './bench-helpers.js';

const { values } = parseArgs({
  options: {
    scene: { type: 'string', default: path.join(repoRoot, 'scenes/digits.yaml') },
    count: { type: 'string', default: '1500' },
    warm: { type: 'string' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency ?? os.availableParallelism());
const warm = Number(values.warm ?? 600 * concurrency);
const scene = loadScene(path.resolve(values.scene));

const KINDS = ['node', 'browser', 'gpu', 'renderer', 'other'] as const;
/** Node's system time (file writes, the pipe to Chromium) apart: it swings with other processes' I/O. */
const SPLIT = ['nodeSys'] as const;
type Cpu = Record<(typeof KINDS)[number] | (typeof SPLIT)[number], number>;
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms so far of this process and of each Chromium process below it, summed by process type. */
function cpuNow(): Cpu {
  const usage = process.cpuUsage();
  const cpu: Cpu = { node: (usage.user + usage.system) / 1000, nodeSys: usage.system / 1000, browser: 0, gpu: 0, renderer: 0, other: 0 };
  for (const pid of descendants(process.pid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
      const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1];
      const kind = type === undefined ? 'browser' : type === 'gpu-process' ? 'gpu' : type === 'renderer' ? 'renderer' : 'other';
      cpu[kind] += ms;
    } catch {
      // exited meanwhile
    }
  }
  return cpu;
}

function perImage(from: Cpu, to: Cpu, images: number): Cpu {
  return Object.fromEntries([...KINDS, ...SPLIT].map((k) => [k, (to[k] - from[k]) / images])) as Cpu;
}

interface Measured { cpu: Cpu; images: number; seconds: number }

async function bare(): Promise<Measured> {
  const browser = await launchBrowser();
  try {
    const pages = await Promise.all(Array.from({ length: concurrency }, () => RenderPage.open(browser, pageInit(scene))));
    const root = createRng(99);
    const frames = Array.from({ length: Math.max(count, 600) }, (_, i) => sampleFrame(scene.spec, root, i));
    await Promise.all(pages.map((p) => p.time(frames.slice(0, 600))));
    const share = Math.ceil(count / concurrency);
    const before = cpuNow();
    const started = performance.now();
    await Promise.all(pages.map((p, k) => p.time(frames.slice(k * share, Math.min(count, (k + 1) * share)))));
    return { cpu: perImage(before, cpuNow(), count), images: count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await browser.close();
  }
}

async function pipeline(): Promise<Measured> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'synth-bench-render-cpu-'));
  try {
    let mark: { done: number; at: number; cpu: Cpu } | undefined;
    let last: { done: number; at: number; cpu: Cpu } | undefined;
    await renderDataset({
      scene, out, count: warm + count, seed: 99, concurrency,
      // Reading /proc costs Node CPU too: only at the two ends of the measured span.
      onProgress: ({ done, total }) => {
        if (done < warm || (mark !== undefined && done < total)) return;
        const now = { done, at: performance.now(), cpu: cpuNow() };
        mark ??= now;
        last = now;
      },
    });
    if (mark === undefined || last === undefined || last.done === mark.done) throw new Error('too few images after the warm-up to measure');
    const images = last.done - mark.done;
    return { cpu: perImage(mark.cpu, last.cpu, images), images, seconds: (last.at - mark.at) / 1000 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const total = (c: Cpu) => KINDS.reduce((sum, k) => sum + c[k], 0);
const cores = os.availableParallelism();
const line = (name: string, r: Measured) =>
  `${name.padEnd(8)} ${KINDS.map((k) => `${k} ${r.cpu[k].toFixed(2)}${k === 'node' ? ` (sys ${r.cpu.nodeSys.toFixed(2)})` : ''}`).join('  ')}  total ${total(r.cpu).toFixed(2)} ms/img` +
  `  (if CPU-bound on ${cores} cores: ${((cores * 1000) / total(r.cpu)).toFixed(0)} img/s; wall ${(r.images / r.seconds).toFixed(0)} img/s over ${r.images})`;

const results: Record<string, Measured> = {};
if (values.only !== 'pipeline') results['bare'] = await bare();
if (values.only !== 'bare') results['pipeline'] = await pipeline();
console.log(`cpu ms per image, ${scene.spec.image.width}x${scene.spec.image.height}, pages=${concurrency}, count=${count}, load average ${os.loadavg()[0]!.toFixed(1)}`);
for (const [name, r] of Object.entries(results)) console.log(line(name, r));
if (results['bare'] && results['pipeline']) {
  console.log(`cpu ratio bare/pipeline=${(total(results['bare'].cpu) / total(results['pipeline'].cpu)).toFixed(2)} (the throughput ratio when both are CPU-bound)`);
}
