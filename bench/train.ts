/**
 * bench/train: training throughput of the reference CNN on random 28×28×1 data (batch 64, 4096
 * images), against ../shared/anchors/torch_train.py (PyTorch on CPU, 2 threads) run on the same
 * machine in the same invocation. One figure per line; img/s is the median over the epochs after
 * the first, as the anchor reports it. Ours trains with `model.fit` (shuffle off, like the anchor).
 *
 * Other work on a 2-core machine moves every figure; `--rounds 3` alternates our run and the
 * anchor's three times and reports the medians of the rounds.
 *
 *   node dist/bench/train.js [--backend auto|tensorflow|wasm|cpu] [--threads N] [--epochs 4]
 *                            [--n 4096] [--batch 64] [--rounds 1] [--torch-threads 2] [--no-torch] [--tfjs-adam]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendRequest } from '../src/train/backend.js';
import { FusedAdam } from '../src/train/fused-adam.js';
import { compileForTraining, referenceModel } from '../src/train/models.js';
import { repoRoot } from './bench-helpers.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'auto' },
    threads: { type: 'string' },
    epochs: { type: 'string', default: '4' },
    n: { type: 'string', default: '4096' },
    batch: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '1' },
    'torch-threads': { type: 'string', default: '2' },
    'no-torch': { type: 'boolean', default: false },
    'tfjs-adam': { type: 'boolean', default: false },
  },
});
const epochs = Math.max(2, Number(values.epochs));
const n = Number(values.n);
const batch = Number(values.batch);
const rounds = Math.max(1, Number(values.rounds));
const size = 28;
const classes = 10;
const python = '/usr/bin/python3';
const anchor = path.resolve(repoRoot, '../shared/anchors/torch_train.py');

/** mulberry32: a small seeded generator, so every run trains on the same data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function data(): [tf.Tensor4D, tf.Tensor2D] {
  const random = seeded(1);
  const pixels = new Float32Array(n * size * size);
  for (let i = 0; i < pixels.length; i++) pixels[i] = random();
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = Math.floor(random() * classes);
  return [tf.tensor4d(pixels, [n, size, size, 1]), tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D];
}

/** img/s of each epoch of a freshly made reference model. */
async function fitRates(x: tf.Tensor4D, y: tf.Tensor2D): Promise<number[]> {
  const model = referenceModel([size, size, 1], classes, { seed: 0 });
  // synth train's optimizer, or with --tfjs-adam the one it replaces (the model disposes neither).
  const optimizer = values['tfjs-adam'] ? tf.train.adam(1e-3) : new FusedAdam(1e-3);
  compileForTraining(model, optimizer);
  const rates: number[] = [];
  for (let e = 0; e < epochs; e++) {
    const started = performance.now();
    await model.fit(x, y, { batchSize: batch, epochs: 1, shuffle: false, verbose: 0 });
    rates.push(n / ((performance.now() - started) / 1000));
  }
  model.dispose();
  optimizer.dispose();
  return rates;
}

function torch(): number | undefined {
  if (!existsSync(anchor)) {
    console.log(`torch_train skipped: the anchor ${anchor} is missing`);
    return undefined;
  }
  const args = [anchor, '--threads', values['torch-threads'], '--batch', String(batch), '--n', String(n), '--epochs', String(epochs)];
  const run = spawnSync(python, args, { encoding: 'utf8' });
  if (run.error !== undefined) {
    console.log(`torch_train skipped: cannot run ${python} (${run.error.message}); apt-get install -y python3`);
    return undefined;
  }
  if (/No module named '?torch/.test(run.stderr)) {
    console.log('torch_train skipped: PyTorch is not installed for /usr/bin/python3; apt-get install -y python3-torch');
    return undefined;
  }
  const match = /img_per_s=(\d+(?:\.\d+)?)/.exec(run.stdout);
  if (run.status !== 0 || match === null) {
    console.log(`torch_train failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').pop()}`);
    return undefined;
  }
  return Number(match[1]);
}

const selected = await selectBackend(
  values.backend as BackendRequest,
  values.threads === undefined ? {} : { threads: Number(values.threads) },
);
const [x, y] = data();
const ours: number[] = [];
const reference: number[] = [];
for (let round = 0; round < rounds; round++) {
  const epochsSeen = await fitRates(x, y);
  ours.push(median(epochsSeen.slice(1)));
  const t = values['no-torch'] ? undefined : torch();
  if (t !== undefined) reference.push(t);
  if (rounds > 1) {
    const shown = epochsSeen.map((r) => r.toFixed(0)).join(',');
    console.log(`# round ${round + 1}: epochs ${shown}; torch ${t === undefined ? '-' : t.toFixed(0)}`);
  }
}
console.log(`train_reference img_per_s=${median(ours).toFixed(0)} backend=${selected.name} threads=${selected.threads} size=${size} batch=${batch}`);
console.log(`# backend: ${selected.reason}`);
if (reference.length > 0) {
  const torchRate = median(reference);
  console.log(`torch_train img_per_s=${torchRate.toFixed(0)} threads=${values['torch-threads']} size=${size} batch=${batch}`);
  console.log(`ratio_vs_torch=${(median(ours) / torchRate).toFixed(2)}`);
}
tf.dispose([x, y]);
