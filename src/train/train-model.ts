import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AugmentWorkers, type OnlineAugmenter } from '../augment/index.js';
import { type DatasetCache, type ImageBatch, writeFileAtomic } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { argmaxRows } from '../eval/classification-metrics.js';
import { checkOutputFolder } from '../output-path.js';
import { createRng } from '../rng.js';
import { stableStringify } from '../stable-json.js';
import { type BackendRequest, type SelectedBackend, selectBackend } from './backend.js';
import { ClassThresholds } from './class-thresholds.js';
import { loadModel, loadNamedTensors, loadOptimizer, saveModel, saveNamedTensors, saveOptimizer } from './model-files.js';
import { loadFineTuneBase } from './fine-tune-base.js';
import { freezeLayers } from './freeze-layers.js';
import { FusedAdam } from './fused-adam.js';
import { type LrSchedule, checkLrSchedule, learningRateAt } from './learning-rate.js';
import { compileForTraining, referenceModel, smallResnet } from './models.js';
import { partAugmenters } from './part-augmenters.js';
import { imagesTensor, predictProbabilities } from './tensors.js';
import { type DataSource, type LoadedBlend, dataRng, epochOrder, loadBlend } from './training-data.js';
import {
  type UnlabelledBatch, type UnlabelledOptions, loadUnlabelled, pseudoTargets, unlabelledBatch, unlabelledOrder, unlabelledPerBatch,
} from './unlabelled.js';
import { WeightAverage } from './weight-average.js';

export const MODELS = ['reference', 'small-resnet'] as const;
export type ModelName = (typeof MODELS)[number];

/** Decay per batch of the weight average a run keeps by default: an average over roughly its last 200 batches. */
export const DEFAULT_EMA = 0.995;

/** A checkpoint after an epoch only when this long has passed since the last one (and after the last epoch). */
const CHECKPOINT_INTERVAL_MS = 60_000;

export interface TrainOptions {
  data: DataSource[];
  out: string;
  model?: ModelName | undefined;
  epochs?: number | undefined;
  batchSize?: number | undefined;
  learningRate?: number | undefined;
  /** How the learning rate changes over the run (default constant). */
  lrSchedule?: LrSchedule | undefined;
  /** Decay per batch of the moving average of the weights that becomes the model (WeightAverage); 0 keeps the last step's weights. Default 0.995. */
  ema?: number | undefined;
  /** Share of each target spread evenly over all classes (0: none). */
  labelSmoothing?: number | undefined;
  backend?: BackendRequest | undefined;
  /** Fraction of each dataset held out for validation. */
  valSplit?: number | undefined;
  seed?: number | undefined;
  /** Start from a saved synth model (a run folder) and freeze its first `freeze` layers (see freezeLayers). */
  fineTune?: { from: string; freeze: number } | undefined;
  /**
   * A recipe file: each batch is augmented on the fly (same seed, epoch and sample, same pixels).
   * Applies to every source that does not name its own (DataSource.augment).
   */
  augment?: string | undefined;
  /** Images without labels learnt from by consistency (see UnlabelledOptions). */
  unlabelled?: UnlabelledOptions | undefined;
  /** Continue the run in `out` from its last checkpoint. */
  resume?: boolean | undefined;
  /** Replace a run already in `out`. */
  force?: boolean | undefined;
  /** Manifests and images already decoded by earlier runs of the same job (synth gap's). */
  cache?: DatasetCache | undefined;
  signal?: AbortSignal | undefined;
  onStart?: (start: { backend: SelectedBackend; trainImages: number; epochs: number; batches: number; startEpoch: number }) => void;
  onBatch?: (progress: { epoch: number; batch: number; batches: number; loss: number }) => void;
  onEpoch?: (metrics: EpochMetrics) => void;
}

export interface EpochMetrics {
  epoch: number;
  /**
   * Over the epoch's batches. With unlabelled images, over their strong views too, scored against
   * their pseudo-labels (a view without one adds no loss, but counts in accuracy as if of the first class).
   */
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  imagesPerSecond: number;
  seconds: number;
  /** With unlabelled images: the share of them whose pseudo-label reached the threshold. */
  unlabelledKept?: number;
}

export interface TrainSummary {
  out: string;
  modelDir: string;
  backend: SelectedBackend;
  classes: string[];
  metrics: EpochMetrics[];
  seconds: number;
}

interface CheckpointState {
  /** Epochs completed. */
  epoch: number;
  /** Batches completed of the next epoch (an interrupted epoch), with their running sums. */
  batch: number;
  /** Steps folded into the weight average (absent without one). */
  averageSteps?: number;
  partial: { lossSum: number; accSum: number; seen: number; seconds: number; kept?: number; offered?: number };
  configHash: string;
}

/**
 * Trains a model on a blend of datasets and writes a run folder: model/ (TF.js layers format),
 * metrics.jsonl (one line per epoch), config.json (the resolved configuration and backend), and
 * checkpoint/, from which `resume` continues: written after the last epoch and after any epoch
 * that ends a minute or more after the previous checkpoint (a run of many tiny epochs, such as 200
 * passes over 81 images, would otherwise spend more time writing checkpoints than training). An
 * abort (Ctrl-C) stops between batches and checkpoints there, so a resumed run loses no batch; a
 * kill loses at most the epochs since the last checkpoint.
 */
export async function trainModel(options: TrainOptions): Promise<TrainSummary> {
  const started = performance.now();
  const epochs = options.epochs ?? 5;
  const batchSize = options.batchSize ?? 64;
  const learningRate = options.learningRate ?? 1e-3;
  const seed = options.seed ?? 0;
  const valSplit = options.valSplit ?? 0.1;
  const modelName = options.model ?? 'reference';
  const ema = options.ema ?? DEFAULT_EMA;
  if (!Number.isInteger(epochs) || epochs < 1) throw new SynthError(`--epochs: expected a whole number >= 1, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new SynthError(`--batch: expected a whole number >= 1, got ${batchSize}`);
  if (!(valSplit >= 0 && valSplit < 1)) throw new SynthError(`--val-split: expected a number in [0, 1), got ${valSplit}`);
  if (!(ema >= 0 && ema < 1)) throw new SynthError(`--ema: expected a decay in [0, 1) (0: no averaging), got ${ema}`);
  const labelSmoothing = options.labelSmoothing ?? 0;
  if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new SynthError(`--label-smoothing: expected a share in [0, 1) (0: none), got ${labelSmoothing}`);
  if (!MODELS.includes(modelName)) throw new SynthError(`--model: expected one of ${MODELS.join(', ')}, got ${modelName}`);
  const lrSchedule = checkLrSchedule(options.lrSchedule ?? 'constant');

  const out = path.resolve(options.out);
  const checkpointDir = path.join(out, 'checkpoint');
  if (options.resume && options.force) throw new SynthError('--resume continues the run in --out and --force replaces it: give one of them');
  checkOutputFolder(options.out, [...options.data.map((d) => d.dir), ...(options.fineTune ? [options.fineTune.from] : [])]);
  if (existsSync(out) && (await readdir(out)).length > 0) {
    if (!existsSync(path.join(out, 'config.json')) && !existsSync(checkpointDir)) {
      throw new SynthError(`${options.out}: holds files but no synth run (no config.json); train into a new or empty folder`);
    }
    if (!options.resume && !options.force) throw new SynthError(`${options.out}: a run is already there; --resume to continue it or --force to replace it`);
  }

  // Every input is read and checked before the run folder is touched.
  const backend = await selectBackend(options.backend ?? 'auto');
  const rng = createRng(seed);
  const blend = await loadBlend(options.data, valSplit, dataRng(seed), options.cache);
  const augmentation = partAugmenters(options.data, options.augment, seed, blend.classes.length);
  if (options.unlabelled?.teacher === 'average' && ema === 0) throw new SynthError('--teacher average: labels with the moving average of the weights, which --ema 0 turns off');
  const unlabelled = options.unlabelled
    && await loadUnlabelled(options.unlabelled, options.augment, seed, blend.shape, blend.classes.length, options.cache);
  const base = options.fineTune && await loadFineTuneBase(options.fineTune.from, options.fineTune.freeze, blend);
  if (base && options.model !== undefined && base.architecture !== undefined && base.architecture !== options.model) {
    base.model.dispose();
    throw new SynthError(`--model ${options.model}: ${options.fineTune!.from} holds a ${base.architecture} model; a fine-tune keeps the architecture it starts from`);
  }
  // From here on, whatever holds tensors or threads is released however the run ends.
  const optimizer = new FusedAdam(learningRate);
  const owned: { model?: tf.LayersModel; average?: WeightAverage | undefined; workers?: AugmentWorkers | undefined } = {};
  try {
    if (options.force && !options.resume) await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const config = {
      model: base?.architecture ?? modelName, epochs, batchSize, learningRate,
      lrSchedule, ema, valSplit, seed,
      // Only when set, so that runs without it keep their configuration hash (and resume).
      ...(labelSmoothing > 0 ? { labelSmoothing } : {}),
      augment: augmentation.run,
      fineTune: options.fineTune ?? null,
      data: blend.description.map((d, k) => (options.data[k]!.augment === undefined ? d : { ...d, augment: augmentation.recipes[k] })),
      ...(unlabelled ? { unlabelled: unlabelled.description } : {}),
      classes: blend.classes, shape: blend.shape,
    };
    // A resumed run may ask for more epochs; anything else changed makes the checkpoint another run's.
    const configHash = stableStringify({ ...config, epochs: undefined });
    const state = options.resume ? await readCheckpoint(out) : undefined;
    if (options.resume && state && state.configHash !== configHash) {
      // Refused before config.json is rewritten: the run keeps the record of what made its checkpoint.
      const changed = await changedSettings(path.join(out, 'config.json'), config);
      throw new SynthError(`${options.out}: its checkpoint was made with another configuration${changed}; start a new run (or --force)`);
    }
    await writeFileAtomic(path.join(out, 'config.json'), `${JSON.stringify({ ...config, backend }, null, 2)}\n`);
    const startEpoch = state?.epoch ?? 0;
    // A resumed fine-tune continues from its checkpoint; its base was loaded only to check the data.
    const model = owned.model = state
      ? await loadModel(checkpointDir)
      : base?.model ?? (modelName === 'small-resnet' ? smallResnet : referenceModel)(blend.shape, blend.classes.length, { seed });
    if (options.fineTune) freezeLayers(model, options.fineTune.freeze);
    compileForTraining(model, optimizer);
    if (state) await loadOptimizer(optimizer, checkpointDir);
    const average = owned.average = ema > 0 ? new WeightAverage(model, ema) : undefined;
    if (state && average) {
      const saved = await loadNamedTensors(checkpointDir, 'average');
      if (!saved) throw new SynthError(`${checkpointDir}: no average.json, the weight average (--ema) a resumed run needs; start a new run (or --force)`);
      try {
        average.restore(saved, state.averageSteps ?? 0);
      } finally {
        tf.dispose(Object.values(saved));
      }
    }
    const thresholds = unlabelled?.adaptive
      ? new ClassThresholds(unlabelled.images.count, blend.classes.length, unlabelled.threshold, state && await readSure(checkpointDir))
      : undefined;
    const metrics = await keepMetricsUpTo(out, startEpoch);

    const trainImages = blend.parts.reduce((n, p) => n + p.data.images.count, 0);
    const batches = Math.ceil(trainImages / batchSize);
    options.onStart?.({ backend, trainImages, epochs, batches, startEpoch });
    const checkpoint = (s: Omit<CheckpointState, 'configHash' | 'averageSteps'>) =>
      writeCheckpoint(out, model, optimizer, average, thresholds, { ...s, configHash, ...(average ? { averageSteps: average.steps } : {}) }, blend.classes);
    const withAverage = <T>(use: () => Promise<T>) => (average ? average.withAverage(use) : use());

    // One worker augments the next batch while the model trains on this one (same bytes as inline).
    const augmenting = unlabelled !== undefined || augmentation.augmenters.some((a) => a !== undefined);
    const workers = owned.workers = augmenting ? await AugmentWorkers.start(1, { background: true }) : undefined;
    const perBatch = unlabelled ? unlabelledPerBatch(unlabelled, batchSize) : 0;
    let lastCheckpoint = performance.now();
    for (let epoch = startEpoch + 1; epoch <= epochs; epoch++) {
      const resumed = epoch === startEpoch + 1 && state !== undefined ? state : undefined;
      const epochStarted = performance.now() - 1000 * (resumed?.partial.seconds ?? 0);
      const order = epochOrder(blend, rng.fork('epoch').fork(epoch));
      const unlabelledIndices = unlabelled && unlabelledOrder(unlabelled.images.count, batches * perBatch, rng.fork('unlabelled').fork(epoch));
      const prepare = async (b: number): Promise<PreparedBatch | undefined> => {
        if (b >= batches) return undefined;
        const labelled = await batchArrays(blend, order.slice(b * batchSize, (b + 1) * batchSize), augmentation.augmenters, epoch, workers);
        const extra = unlabelled && await unlabelledBatch(unlabelled, unlabelledIndices!.slice(b * perBatch, (b + 1) * perBatch), epoch, workers);
        return { labelled, unlabelled: extra };
      };
      let { lossSum, accSum, seen, kept = 0, offered = 0 } = resumed?.partial ?? { lossSum: 0, accSum: 0, seen: 0 };
      let next = prepare(resumed?.batch ?? 0);
      try {
        for (let b = resumed?.batch ?? 0; b < batches; b++) {
          if (options.signal?.aborted) {
            await checkpoint({ epoch: epoch - 1, batch: b, partial: { lossSum, accSum, seen, kept, offered, seconds: (performance.now() - epochStarted) / 1000 } });
            throw new SynthError(`interrupted in epoch ${epoch} after ${b} of ${batches} batches; checkpoint saved in ${checkpointDir}: run again with --resume`, { exitCode: 130 });
          }
          const { labelled: batch, unlabelled: views } = (await next)!;
          next = prepare(b + 1);
          // The model labels the clean views with the weights it has now, before this step changes them.
          const label = async () => pseudoTargets(model, views!, unlabelled!, blend.classes.length, thresholds);
          const pseudo = views && await (unlabelled!.teacher === 'average' ? withAverage(label) : label());
          if (pseudo) [kept, offered] = [kept + pseudo.kept, offered + views!.count];
          const [x, y] = batchTensors(batch, blend, labelSmoothing, views && { views, targets: pseudo!.targets });
          setLearningRate(optimizer, learningRateAt(config.lrSchedule, config.learningRate, (epoch - 1) * batches + b, epochs * batches));
          const result = (await model.trainOnBatch(x, y)) as number[];
          tf.dispose([x, y]);
          average?.update();
          lossSum += result[0]! * batch.count;
          accSum += result[1]! * batch.count;
          seen += batch.count;
          options.onBatch?.({ epoch, batch: b + 1, batches, loss: result[0]! });
        }
      } finally {
        // A batch still being augmented when the epoch stops early is dropped, its error with it.
        await next?.catch(() => undefined);
      }
      const seconds = (performance.now() - epochStarted) / 1000;
      const validation = blend.validation
        ? await withAverage(() => evaluateLoss(model, blend.validation!.images, blend.validation!.labels, blend.classes.length)) : undefined;
      const m: EpochMetrics = {
        epoch, loss: lossSum / seen, accuracy: accSum / seen,
        valLoss: validation?.loss ?? null, valAccuracy: validation?.accuracy ?? null,
        imagesPerSecond: seen / seconds, seconds,
        ...(unlabelled ? { unlabelledKept: offered > 0 ? kept / offered : 0 } : {}),
      };
      metrics.push(m);
      await appendFile(path.join(out, 'metrics.jsonl'), `${JSON.stringify(m)}\n`);
      if (epoch === epochs || performance.now() - lastCheckpoint >= CHECKPOINT_INTERVAL_MS) {
        await checkpoint({ epoch, batch: 0, partial: { lossSum: 0, accSum: 0, seen: 0, seconds: 0 } });
        lastCheckpoint = performance.now();
      }
      options.onEpoch?.(m);
    }
    const modelDir = path.join(out, 'model');
    await withAverage(() => saveModel(model, modelDir, { classes: blend.classes, shape: blend.shape, epochs, backend: backend.name }));
    return { out, modelDir, backend, classes: blend.classes, metrics, seconds: (performance.now() - started) / 1000 };
  } finally {
    await owned.workers?.close();
    owned.average?.dispose();
    optimizer.dispose();
    owned.model?.dispose();
    if (base && base.model !== owned.model) base.model.dispose();
  }
}

/** TF.js's Adam reads its rate at every step but declares it protected. */
function setLearningRate(optimizer: tf.AdamOptimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}

interface PreparedBatch {
  labelled: BatchArrays;
  unlabelled: UnlabelledBatch | undefined;
}

interface BatchArrays {
  count: number;
  /** count × height × width × channels, augmented. */
  pixels: Uint8Array;
  /** count × classes: one-hot, or the augmenter's soft labels when mixing fired. */
  targets: Float32Array;
}

/**
 * A batch's images and targets. Samples are augmented by their part's augmenter, those sharing one
 * as a batch of their own, on `workers` when given.
 */
async function batchArrays(
  blend: LoadedBlend, slice: [number, number][], augmenters: (OnlineAugmenter | undefined)[], epoch: number, workers: AugmentWorkers | undefined,
): Promise<BatchArrays> {
  const { height, width, channels } = blend.parts[0]!.data.images;
  const per = height * width * channels;
  const classes = blend.classes.length;
  const pixels = new Uint8Array(slice.length * per);
  const labels = new Int32Array(slice.length);
  slice.forEach(([part, index], i) => {
    const source = blend.parts[part]!.data;
    pixels.set(source.images.pixels.subarray(index * per, (index + 1) * per), i * per);
    labels[i] = source.labels[index]!;
  });
  const targets = new Float32Array(slice.length * classes);
  const groups = new Map<OnlineAugmenter | undefined, number[]>();
  slice.forEach(([part], i) => {
    const members = groups.get(augmenters[part]);
    if (members) members.push(i);
    else groups.set(augmenters[part], [i]);
  });
  for (const [augmenter, members] of groups) {
    if (!augmenter) {
      for (const i of members) targets[i * classes + labels[i]!] = 1;
      continue;
    }
    const whole = members.length === slice.length;
    const batch = { pixels: whole ? pixels : gather(pixels, members, per), count: members.length, height, width, channels };
    const result = await augmenter.augment(batch, whole ? labels : members.map((i) => labels[i]!), {
      epoch, keys: members.map((i) => `${slice[i]![0]}:${slice[i]![1]}`),
    }, workers);
    members.forEach((i, k) => {
      pixels.set(result.pixels.subarray(k * per, (k + 1) * per), i * per);
      targets.set(result.targets.subarray(k * classes, (k + 1) * classes), i * classes);
    });
  }
  return { count: slice.length, pixels, targets };
}

/**
 * The batch's inputs in [0, 1] and its targets, smoothed by `labelSmoothing`; then the strong views
 * of unlabelled images, if any, with their pseudo-label targets as they are.
 */
function batchTensors(
  batch: BatchArrays, blend: LoadedBlend, labelSmoothing: number, extra?: { views: UnlabelledBatch; targets: Float32Array },
): [tf.Tensor4D, tf.Tensor2D] {
  const { height, width, channels } = blend.parts[0]!.data.images;
  const classes = blend.classes.length;
  const count = batch.count + (extra?.views.count ?? 0);
  const pixels = extra ? concatBytes(batch.pixels, extra.views.strong) : batch.pixels;
  const x = imagesTensor({ pixels, count, height, width, channels });
  const y = tf.tidy(() => {
    const labelled = labelSmoothing > 0
      ? tf.tensor2d(batch.targets, [batch.count, classes]).mul(1 - labelSmoothing).add(labelSmoothing / classes) as tf.Tensor2D
      : tf.tensor2d(batch.targets, [batch.count, classes]);
    return extra ? tf.concat([labelled, tf.tensor2d(extra.targets, [extra.views.count, classes])]) : labelled;
  });
  return [x, y];
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function gather(pixels: Uint8Array, members: readonly number[], per: number): Uint8Array {
  const out = new Uint8Array(members.length * per);
  members.forEach((i, k) => out.set(pixels.subarray(i * per, (i + 1) * per), k * per));
  return out;
}

async function evaluateLoss(model: tf.LayersModel, images: ImageBatch, labels: Int32Array, classes: number): Promise<{ loss: number; accuracy: number }> {
  const probabilities = await predictProbabilities(model, images);
  const predicted = argmaxRows(probabilities, classes);
  let [loss, correct] = [0, 0];
  for (let i = 0; i < labels.length; i++) {
    loss -= Math.log(Math.max(1e-7, probabilities[i * classes + labels[i]!]!));
    if (predicted[i] === labels[i]) correct++;
  }
  return { loss: loss / labels.length, accuracy: correct / labels.length };
}

/**
 * Writes model, optimizer and state to checkpoint-next/ and then swaps it for checkpoint/, so a
 * kill at any moment leaves one whole checkpoint (readCheckpoint looks in both).
 */
async function writeCheckpoint(
  out: string, model: tf.LayersModel, optimizer: tf.Optimizer, average: WeightAverage | undefined, thresholds: ClassThresholds | undefined,
  state: CheckpointState, classes: string[],
): Promise<void> {
  const [current, next, old] = ['checkpoint', 'checkpoint-next', 'checkpoint-old'].map((d) => path.join(out, d)) as [string, string, string];
  await rm(next, { recursive: true, force: true });
  await saveModel(model, next, { classes, epoch: state.epoch });
  await saveOptimizer(optimizer, next);
  if (average) await saveNamedTensors(average.named(), next, 'average');
  if (thresholds) {
    const sure = tf.tensor1d(thresholds.sure, 'int32');
    try {
      await saveNamedTensors([{ name: 'sure', tensor: sure }], next, THRESHOLDS_STEM);
    } finally {
      sure.dispose();
    }
  }
  await writeFile(path.join(next, 'state.json'), JSON.stringify(state));
  await rm(old, { recursive: true, force: true });
  if (existsSync(current)) await rename(current, old);
  await rename(next, current);
  await rm(old, { recursive: true, force: true });
}

/** " (changed: data, seed)": the settings of `config` that differ from the run's config.json, or "" when it cannot tell. */
async function changedSettings(file: string, config: Record<string, unknown>): Promise<string> {
  let saved: Record<string, unknown>;
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return '';
  }
  const keys = [...new Set([...Object.keys(config), ...Object.keys(saved)])].filter((k) => k !== 'epochs' && k !== 'backend');
  const changed = keys.filter((k) => stableStringify(config[k] ?? null) !== stableStringify(saved[k] ?? null));
  return changed.length > 0 ? ` (changed: ${changed.join(', ')})` : '';
}

const THRESHOLDS_STEM = 'class-thresholds';

/** What the class-adaptive thresholds had learnt when the checkpoint was written. */
async function readSure(dir: string): Promise<Int32Array> {
  const saved = await loadNamedTensors(dir, THRESHOLDS_STEM);
  try {
    if (saved?.sure?.dtype !== 'int32') {
      throw new SynthError(`${dir}: no ${THRESHOLDS_STEM}.json, the class thresholds (--adaptive-confidence) a resumed run needs; start a new run (or --force)`);
    }
    return Int32Array.from(saved.sure.dataSync());
  } finally {
    if (saved) tf.dispose(Object.values(saved));
  }
}

async function readCheckpoint(out: string): Promise<CheckpointState | undefined> {
  for (const dir of ['checkpoint', 'checkpoint-next']) {
    const file = path.join(out, dir, 'state.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // not there, or cut short before its state was written
    }
    let state: CheckpointState;
    try {
      state = JSON.parse(text) as CheckpointState;
    } catch {
      // checkpoint/ is only ever renamed into place whole: a bad state there is damage, not a cut.
      if (dir === 'checkpoint') throw new SynthError(`${file}: not valid JSON (a damaged checkpoint); start the run again with --force`);
      continue;
    }
    if (dir !== 'checkpoint') await rename(path.join(out, dir), path.join(out, 'checkpoint'));
    return state;
  }
  return undefined;
}

/**
 * The metrics of epochs 1..epoch already logged; later lines (from an epoch without a checkpoint) are
 * dropped, and so is a last line cut short by a kill while it was being appended.
 */
async function keepMetricsUpTo(out: string, epoch: number): Promise<EpochMetrics[]> {
  const file = path.join(out, 'metrics.jsonl');
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
  const kept = lines.flatMap((line, i) => {
    try {
      return [JSON.parse(line) as EpochMetrics];
    } catch {
      if (i === lines.length - 1) return [];
      throw new SynthError(`${file}:${i + 1}: not a line of metrics; remove the line (or --force to start the run again)`);
    }
  }).filter((m) => m.epoch <= epoch);
  await writeFile(file, kept.map((m) => `${JSON.stringify(m)}\n`).join(''));
  return kept;
}

