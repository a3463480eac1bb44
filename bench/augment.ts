/**
 * bench/augment: throughput of synth's implementation of the reference augmentation pipeline of
 * ../shared/anchors/opencv_augment.py (affine, brightness/contrast, 3×3 Gaussian blur, Gaussian
 * noise, horizontal flip; same parameter ranges; 64×64 RGB uint8; fresh parameters per image,
 * sampled from synth's seeded Rng), against that script run on the same machine in the same
 * invocation. Prints one figure per line.
 *
 *   node dist/bench/augment.js [--n 20000] [--size 64] [--workers 0] [--repeat 3] [--no-opencv]
 *
 * --workers N shares each batch of 256 between the main thread and N worker threads (0: the main
 * thread only, like the anchor's one thread); --repeat runs the synth measurement that many times
 * and reports the median (all runs go to the comment line). The anchor runs with OpenCV on one
 * thread (its default); it needs `apt-get install -y python3-opencv`, and without it the bench
 * says so and prints no ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AugmentWorkers, applyAugmentation, referenceRecipe, sampleAugmentation } from '../src/augment/index.js';
import { createRng } from '../src/rng.js';
import { repoRoot } from './bench-helpers.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    size: { type: 'string', default: '64' },
    workers: { type: 'string', default: '0' },
    repeat: { type: 'string', default: '3' },
    'no-opencv': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const size = Number(values.size);
const workers = Number(values.workers);
const repeat = Math.max(1, Number(values.repeat));
const channels = 3;
const per = size * size * channels;
const python = '/usr/bin/python3';
const anchor = path.resolve(repoRoot, '../shared/anchors/opencv_augment.py');

// 256 random source images, as the anchor uses.
const sourceCount = 256;
const sources = new Uint8Array(sourceCount * per);
const fill = createRng(0).fork('bench-images');
for (let i = 0; i < sources.length; i++) sources[i] = fill.int(0, 255);
const root = createRng(0).fork('bench-params');
const dims = { width: size, height: size };

function image(i: number) {
  const k = i % sourceCount;
  return { pixels: sources.subarray(k * per, (k + 1) * per), width: size, height: size, channels };
}

/** Images per second on the main thread: sample, then apply, one image at a time. */
function runMain(count: number): number {
  const out = new Uint8Array(per);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const params = sampleAugmentation(referenceRecipe, root.fork(i), dims);
    applyAugmentation(params, image(i), {}, { out });
  }
  return count / ((performance.now() - start) / 1000);
}

/** Images per second across worker threads: batches of 256 sampled here, applied there. */
async function runWorkers(pool: AugmentWorkers, count: number): Promise<number> {
  const batch = 256;
  const start = performance.now();
  for (let b = 0; b < count; b += batch) {
    const m = Math.min(batch, count - b);
    const params = Array.from({ length: m }, (_, k) => sampleAugmentation(referenceRecipe, root.fork(b + k), dims));
    const pixels = sources.subarray(0, m * per);
    await pool.apply({ pixels, count: m, width: size, height: size, channels }, params);
  }
  return count / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let rates: number[] = [];
if (workers > 0) {
  const pool = await AugmentWorkers.start(workers);
  try {
    await runWorkers(pool, 2048);
    for (let r = 0; r < repeat; r++) rates.push(await runWorkers(pool, n));
  } finally {
    await pool.close();
  }
} else {
  runMain(1000);
  rates = Array.from({ length: repeat }, () => runMain(n));
}
const synth = median(rates);
console.log(`augment_reference img_per_s=${synth.toFixed(0)} size=${size} workers=${workers} n=${n}`);
console.log(`# runs: ${rates.map((r) => r.toFixed(0)).join(', ')} img/s (median reported)`);

if (!values['no-opencv']) {
  if (!existsSync(python) || spawnSync(python, ['-c', 'import cv2'], { stdio: 'ignore' }).status !== 0) {
    console.log(`# OpenCV for ${python} is absent: install it with \`apt-get install -y python3-opencv\`; no ratio printed`);
  } else if (!existsSync(anchor)) {
    console.log(`# the anchor ${anchor} is missing; no ratio printed`);
  } else {
    const result = spawnSync(python, [anchor, '--size', String(size), '--n', String(n)], { encoding: 'utf8' });
    const line = result.stdout.split('\n').find((l) => l.startsWith('opencv_augment'));
    const rate = Number(/img_per_s=(\d+(\.\d+)?)/.exec(line ?? '')?.[1]);
    if (!line || !(rate > 0)) {
      console.log(`# the anchor failed (exit ${result.status}): ${result.stderr.trim().split('\n').at(-1) ?? ''}`);
    } else {
      console.log(line);
      console.log(`ratio_vs_opencv=${(synth / rate).toFixed(2)}`);
    }
  }
}
