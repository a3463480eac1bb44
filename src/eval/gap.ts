import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DatasetCache, type ImageBatch, encodePng, writeFileAtomic } from '../dataset/index.js';
import { SynthError, rephraseInterruption } from '../errors.js';
import { checkOutputFolder } from '../output-path.js';
import { createRng } from '../rng.js';
import { type BackendRequest, selectBackend } from '../train/backend.js';
import { loadModel } from '../train/model-files.js';
import { type LrSchedule, checkLrSchedule } from '../train/learning-rate.js';
import { referenceModel } from '../train/models.js';
import { recipeRecord } from '../train/part-augmenters.js';
import { imagesTensor, labelsTensor, predictProbabilities } from '../train/tensors.js';
import { DEFAULT_EMA, MODELS, type ModelName, trainModel } from '../train/train-model.js';
import { unlabelledSettings } from '../train/unlabelled.js';
import { type DataSource, type LabelledImages, dataRng, loadLabelledImages, readSplit, shuffled, sourceSubset, stratifiedSubset } from '../train/training-data.js';
import { argmaxRows, classificationMetrics } from './classification-metrics.js';
import { GapReport, type GapRun, type RunSummary } from './gap-report.js';
import { type GapPlan, PLAN_FILE, gapPlan, planChanges, readGapPlan, writeGapPlan } from './gap-plan.js';
import { renderGapHtml } from './gap-html.js';
import { kernelDistance } from './kid.js';
import { classSlices, parameterSlices } from './parameter-slices.js';
import { writePseudoLabels } from './pseudo-labels.js';

export interface GapOptions {
  synthetic: string;
  real: string;
  out: string;
  /** Fractions of the real training split to train with, alone and with the synthetic data. */
  fractions?: number[] | undefined;
  model?: ModelName | undefined;
  epochs?: number | undefined;
  /**
   * Epochs of the synthetic-only run, the base every fine-tune starts from (default: `epochs`):
   * pre-training longer than the other runs costs one run's time, not all of them.
   */
  syntheticEpochs?: number | undefined;
  /**
   * Smaller runs train for more epochs (at most 200), until they have seen at least this many
   * samples. Default: as many as `epochs` passes over the synthetic images, so that a run on real
   * images alone gets as many training steps as the runs with synthetic images it is compared
   * with, not fewer because its data set is smaller.
   */
  minSamples?: number | undefined;
  seed?: number | undefined;
  /**
   * Trains every run with this many seeds (seed, seed + 1, …: other initial weights, batch orders
   * and real subsets), and reports means and spreads (default 1). Costs as many times the time.
   */
  seeds?: number | undefined;
  /** A recipe file: every run that trains on the synthetic images augments them on the fly with it. */
  augment?: string | undefined;
  /**
   * A recipe file for the real training images, in every run that uses them (real-only, mixed and
   * fine-tune alike, so that the runs with and without synthetic data are compared on equal terms).
   */
  augmentReal?: string | undefined;
  /** Decay of every run's weight average (trainModel's ema; default DEFAULT_EMA). */
  ema?: number | undefined;
  /** Label smoothing of every run (trainModel's labelSmoothing; default 0). */
  labelSmoothing?: number | undefined;
  /** Every run's learning-rate schedule (trainModel's lrSchedule; default constant). */
  lrSchedule?: LrSchedule | undefined;
  /**
   * Adds a self-trained run at each real fraction below 1 (true), or at those of `fractions` listed:
   * that fraction's mixed and fine-tuned models label the rest of the real training split (its
   * labels held back), and a student trains on the synthetic images blended with the labelled and
   * the confidently pseudo-labelled real ones. It answers "how many labels does my synthetic data
   * save me?" for users with unlabelled images.
   */
  selfTrain?: boolean | readonly number[] | undefined;
  /** A pseudo-label is kept when the teachers' averaged probability reaches this (default 0.5). */
  pseudoLabelThreshold?: number | undefined;
  /**
   * Epochs of each self-trained student at least (default 2 × `epochs`): it learns from the noise
   * of thousands of pseudo-labels and keeps improving after the other runs have converged.
   */
  studentEpochs?: number | undefined;
  /**
   * Rounds of self-training (default 1): from the second on, the previous round's student labels
   * the held-back images afresh and a new student trains on them. Each round costs a student's time.
   */
  selfTrainRounds?: number | undefined;
  /**
   * From the second round on, each student starts from the previous round's student and trains
   * this many epochs (at least; the sample floor applies) instead of `studentEpochs` from scratch:
   * on digits, 3 epochs warm gave 98.87 ± 0.15 over three seeds against 98.92 ± 0.08 from scratch
   * (10 epochs), at a third of the time (experiments/results.md, session 18).
   */
  warmStartEpochs?: number | undefined;
  /**
   * Adds a consistency-trained run at each real fraction below 1 (true), or at those listed: the
   * mixed run's data, plus the whole real training split without its labels, which the model learns
   * from as it trains (FixMatch; see trainModel's `unlabelled`). It starts from the mixed run's
   * model, a teacher that is right from the first step: on Fashion-MNIST 85.79% against 85.47% from
   * scratch (one seed, experiments/fashion/results.md, session 22).
   */
  consistency?: boolean | readonly number[] | undefined;
  /** Epochs of each consistency-trained run at least (default 3 × `epochs`). */
  consistencyEpochs?: number | undefined;
  /** Its pseudo-label threshold (default 0.95). */
  confidence?: number | undefined;
  /** Its unlabelled images per labelled one in a batch (default 1). */
  unlabelledRatio?: number | undefined;
  /** Class-adaptive pseudo-label bars (FlexMatch; see UnlabelledOptions' `adaptive`). */
  adaptiveConfidence?: boolean | undefined;
  backend?: BackendRequest | undefined;
  /** Replaces a report already in `out` (with `resume`: only one that cannot be resumed). */
  force?: boolean | undefined;
  /**
   * Continues the report in `out` (an interrupted run's, or a finished one's, which is returned as
   * it is): its finished runs are kept and an interrupted one goes on from its checkpoint, so the
   * figures are those of an uninterrupted run. Only with the same settings, data and build of synth
   * (its PLAN_FILE); without a report in `out`, starts one.
   */
  resume?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onStep?: (step: { index: number; total: number; name: string; detail: string; epochs?: number }) => void;
  /** After each epoch of the step's training run. */
  onEpoch?: (epoch: number) => void;
}

const MAX_EPOCHS = 200;

const SAVINGS_METHODS = ['mixed', 'fine-tune', 'self-trained', 'consistency'] as const;
type SavingsMethod = (typeof SAVINGS_METHODS)[number];

const uniqueSorted = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);

/** The real fractions a run kind that keeps only part of the labels is added at: every one below 1 (true), or those listed, which must be among them. */
function partialFractions(flag: string, chosen: boolean | readonly number[] | undefined, fractions: readonly number[], why: string): number[] {
  const below = fractions.filter((f) => f < 1);
  const picked = chosen === true ? below : uniqueSorted(chosen || []);
  if (chosen && picked.length === 0) throw new SynthError(`${flag}: needs a real fraction below 1 in --real-fractions (${why}), got ${fractions.join(',')}`);
  for (const f of picked) {
    if (!below.includes(f)) throw new SynthError(`${flag}: ${f} is not one of the --real-fractions below 1 (${below.join(',') || 'none'})`);
  }
  return picked;
}

/**
 * Trains the runs that answer "how far is my synthetic data from real, and how much real data does
 * it save?", evaluates each on the real test split, and writes REPORT/report.json (GapReport),
 * REPORT/index.html and the models under REPORT/models/.
 */
export async function measureGap(options: GapOptions): Promise<GapReport> {
  const fractions = uniqueSorted(options.fractions ?? [0.01, 0.1, 1]);
  for (const f of fractions) if (!(f > 0 && f <= 1)) throw new SynthError(`--real-fractions: expected numbers in (0, 1], got ${f}`);
  const epochs = options.epochs ?? 5;
  const syntheticEpochs = options.syntheticEpochs ?? epochs;
  const seeds = options.seeds ?? 1;
  const counts: [string, number | undefined][] = [
    ['--epochs', epochs], ['--synthetic-epochs', syntheticEpochs], ['--seeds', seeds], ['--min-samples', options.minSamples],
    ['--student-epochs', options.studentEpochs], ['--self-train-rounds', options.selfTrainRounds], ['--warm-start-epochs', options.warmStartEpochs],
    ['--consistency-epochs', options.consistencyEpochs],
  ];
  for (const [flag, n] of counts) {
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw new SynthError(`${flag}: expected a whole number >= 1, got ${n}`);
  }
  const seed = options.seed ?? 0;
  const model = options.model ?? 'reference';
  if (!MODELS.includes(model)) throw new SynthError(`--model: expected one of ${MODELS.join(', ')}, got ${model}`);
  const ema = options.ema ?? DEFAULT_EMA;
  const labelSmoothing = options.labelSmoothing ?? 0;
  if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new SynthError(`--label-smoothing: expected a share in [0, 1) (0: none), got ${labelSmoothing}`);
  const lrSchedule = checkLrSchedule(options.lrSchedule ?? 'constant');
  const threshold = options.pseudoLabelThreshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new SynthError(`--pseudo-label-threshold: expected a probability in [0, 1], got ${threshold}`);
  const selfTrainOnly = [
    ['--pseudo-label-threshold', options.pseudoLabelThreshold], ['--student-epochs', options.studentEpochs],
    ['--self-train-rounds', options.selfTrainRounds], ['--warm-start-epochs', options.warmStartEpochs],
  ] as const;
  for (const [flag, given] of selfTrainOnly) {
    if (!options.selfTrain && given !== undefined) throw new SynthError(`${flag}: applies only with --self-train`);
  }
  const studentEpochs = options.studentEpochs ?? 2 * epochs;
  const rounds = options.selfTrainRounds ?? 1;
  const warmStartEpochs = options.warmStartEpochs;
  if (warmStartEpochs !== undefined && rounds < 2) throw new SynthError('--warm-start-epochs: applies from the second round of self-training on; give --self-train-rounds 2 or more');
  const selfTrainFractions = partialFractions('--self-train', options.selfTrain, fractions, 'its labels are kept, the rest is pseudo-labelled');
  const selfTraining = selfTrainFractions.length > 0;
  const consistencyOnly = [
    ['--consistency-epochs', options.consistencyEpochs], ['--confidence', options.confidence], ['--unlabelled-ratio', options.unlabelledRatio],
    ['--adaptive-confidence', options.adaptiveConfidence],
  ] as const;
  for (const [flag, given] of consistencyOnly) {
    if (!options.consistency && given !== undefined) throw new SynthError(`${flag}: applies only with --consistency`);
  }
  const consistencyFractions = partialFractions('--consistency', options.consistency, fractions, 'its labels are kept, every image is learnt from without them too');
  const consistencyEpochs = options.consistencyEpochs ?? 3 * epochs;
  const { threshold: confidence, ratio: unlabelledRatio, adaptive } = unlabelledSettings({
    threshold: options.confidence, ratio: options.unlabelledRatio, adaptive: options.adaptiveConfidence,
  });
  // The strong views are real images: the real images' recipe, else the synthetic images'.
  const strongRecipe = options.augmentReal ?? options.augment;
  if (consistencyFractions.length > 0 && strongRecipe === undefined) {
    throw new SynthError('--consistency: needs a recipe for the strong views of the unlabelled real images: give --augment-real (or --augment)');
  }
  const out = path.resolve(options.out);
  checkOutputFolder(options.out, [options.real, options.synthetic, ...[options.augment, options.augmentReal].filter((r) => r !== undefined)]);
  const recipe = options.augment === undefined ? null : recipeRecord(options.augment);
  const realRecipe = options.augmentReal === undefined ? null : recipeRecord(options.augmentReal);

  // Every run reads the same two datasets: each is parsed and decoded once.
  const cache = new DatasetCache();
  const real = await readSplit(options.real, 'train', cache);
  const realTest = await readSplit(options.real, 'test', cache);
  const synthetic = await readSplit(options.synthetic, 'train', cache);
  if (realTest.records.length === 0) throw new SynthError(`${options.real}: no test split to evaluate on (import it with a train/test split)`);
  if (real.records.length === 0) throw new SynthError(`${options.real}: no training images`);
  if (synthetic.records.length === 0) throw new SynthError(`${options.synthetic}: no training images`);
  if (synthetic.meta.classes.join('\u0000') !== real.meta.classes.join('\u0000')) {
    throw new SynthError(`${options.synthetic} has classes ${synthetic.meta.classes.join(', ')}, but ${options.real} has ${real.meta.classes.join(', ')}`);
  }
  const minSamples = options.minSamples ?? synthetic.records.length * epochs;
  const shape = (m: typeof real.meta) => `${m.image.width}×${m.image.height}×${m.image.channels}`;
  if (shape(synthetic.meta) !== shape(real.meta)) {
    throw new SynthError(`${options.synthetic} has ${shape(synthetic.meta)} images, ${options.real} has ${shape(real.meta)}: write the synthetic images at the real size (a scene's output.fit)`);
  }
  const backend = await selectBackend(options.backend ?? 'auto');
  const config: GapReport['config'] = {
    model, epochs, syntheticEpochs, fractions, seed, seeds, backend: backend.name, minSamples, ema, labelSmoothing, lrSchedule,
    selfTrain: selfTraining, pseudoLabelThreshold: selfTraining ? threshold : null,
    studentEpochs: selfTraining ? studentEpochs : null, selfTrainRounds: selfTraining ? rounds : null,
    warmStartEpochs: warmStartEpochs ?? null,
    consistency: consistencyFractions.length > 0,
    consistencyEpochs: consistencyFractions.length > 0 ? consistencyEpochs : null,
    augment: recipe,
    augmentReal: realRecipe,
  };
  const reportPlan = await gapPlan({
    ...config, synthetic: path.resolve(options.synthetic), real: path.resolve(options.real), selfTrainFractions, consistencyFractions,
    ...(consistencyFractions.length > 0 ? { confidence, unlabelledRatio, adaptive } : {}),
  }, options.synthetic, options.real);
  const resuming = await prepareReportFolder(out, options, reportPlan);
  const finished = resuming ? await readFinishedReport(out) : undefined;
  if (finished) return finished;
  const classes = real.meta.classes;
  const testData = await loadLabelledImages(options.real, realTest.meta, realTest.records, cache);

  type Plan = { name: string; kind: GapRun['kind']; fraction: number; data: DataSource[]; fineTune?: string; teachers?: string[]; round?: number };
  const syntheticSource: DataSource = { dir: options.synthetic, augment: options.augment };
  const realSource = (fraction: number): DataSource => ({ dir: options.real, fraction, augment: options.augmentReal });
  const mixedData = (f: number): DataSource[] => [{ ...syntheticSource, weight: 1 }, { ...realSource(f), weight: 1 }];
  const plans: Plan[] = [
    ...fractions.map((f): Plan => ({ name: `real-${pctName(f)}`, kind: 'real-only', fraction: f, data: [realSource(f)] })),
    { name: 'synthetic-only', kind: 'synthetic-only', fraction: 0, data: [syntheticSource] },
    ...fractions.flatMap((f): Plan[] => [
      { name: `mixed-${pctName(f)}`, kind: 'mixed', fraction: f, data: mixedData(f) },
      { name: `fine-tune-${pctName(f)}`, kind: 'fine-tune', fraction: f, data: [realSource(f)], fineTune: 'synthetic-only' },
    ]),
    // The student's real part (written just before it trains) is the labelled fraction plus the teachers' pseudo-labels.
    ...selfTrainFractions.flatMap((f) => Array.from({ length: rounds }, (_, r): Plan => {
      const student = (round: number) => (round === rounds ? `self-trained-${pctName(f)}` : `self-trained-${pctName(f)}-round${round}`);
      return {
        name: student(r + 1), kind: r + 1 === rounds ? 'self-trained' : 'self-trained-round', fraction: f, data: [], round: r + 1,
        teachers: r === 0 ? [`mixed-${pctName(f)}`, `fine-tune-${pctName(f)}`] : [student(r)],
        ...(r > 0 && warmStartEpochs !== undefined ? { fineTune: student(r) } : {}),
      };
    })),
    ...consistencyFractions.map((f): Plan => ({
      name: `consistency-${pctName(f)}`, kind: 'consistency', fraction: f, data: mixedData(f), fineTune: `mixed-${pctName(f)}`,
    })),
  ];
  const steps = plans.length * seeds + 2;
  const runs: GapRun[] = [];
  // The first seed's models are the ones the report looks into: their confusion matrices, the KID
  // and slices of its real-only model, the real test images its synthetic-only model gets wrong.
  const folder = (name: string, runSeed: number) => (runSeed === seed ? name : `${name}-seed${runSeed}`);
  const schedule = Array.from({ length: seeds }, (_, j) => seed + j).flatMap((runSeed) => plans.map((plan) => ({ runSeed, plan })));
  let syntheticPredictions: Int32Array | undefined;
  for (const [i, { runSeed, plan }] of schedule.entries()) {
    const realImages = plan.fraction === 0 ? 0 : stratifiedSubset(real.records, plan.fraction, createRng(0)).length;
    const name = seeds > 1 ? `${plan.name}, seed ${runSeed}` : plan.name;
    let data = plan.data;
    let pseudoLabels: GapRun['pseudoLabels'] = null;
    if (plan.teachers) {
      const labelled = sourceSubset(real.records, plan.fraction, dataRng(runSeed));
      const dir = path.join(out, 'pseudo-labels', folder(plan.name, runSeed));
      options.onStep?.({ index: i + 1, total: steps, name: `${name}: pseudo-labels`, detail: `${plan.teachers.join(' + ')} label ${real.records.length - labelled.length} real training images` });
      const summary = await writePseudoLabels({
        teachers: plan.teachers.map((t) => path.join(out, 'models', folder(t, runSeed), 'model')),
        real: { dir: options.real, meta: real.meta, records: real.records }, labelled, threshold, out: dir, cache,
      });
      pseudoLabels = { dataset: path.relative(out, dir).split(path.sep).join('/'), threshold, ...summary };
      data = [{ ...syntheticSource, weight: 1 }, { dir, weight: 1, augment: options.augmentReal }];
    }
    const onSynthetic = data.some((d) => d.dir === options.synthetic);
    const syntheticImages = onSynthetic ? synthetic.records.length : 0;
    // Weighted blends sample as many images per epoch as both sources hold together.
    const perEpoch = realImages + (pseudoLabels?.images ?? 0) + syntheticImages;
    const floor = plan.kind === 'synthetic-only' ? syntheticEpochs
      : plan.kind === 'consistency' ? consistencyEpochs
        : plan.round === undefined ? epochs
          : plan.fineTune ? warmStartEpochs! : studentEpochs;
    const runEpochs = Math.min(MAX_EPOCHS, Math.max(floor, Math.ceil(minSamples / perEpoch)));
    const unlabelledImages = plan.kind === 'consistency' ? real.records.length : 0;
    const extra = pseudoLabels ? `${pseudoLabels.images} pseudo-labelled + ` : plan.kind === 'consistency' ? `${unlabelledImages} unlabelled + ` : '';
    const modelFolder = path.join('models', folder(plan.name, runSeed));
    const fromCheckpoint = resuming && existsSync(path.join(out, modelFolder, 'checkpoint')) ? ', resumed from its checkpoint' : '';
    options.onStep?.({ index: i + 1, total: steps, name, detail: `${realImages} real + ${extra}${syntheticImages} synthetic images, ${runEpochs} epochs${fromCheckpoint}`, epochs: runEpochs });
    const trained = await trainModel({
      data, out: path.join(out, modelFolder), model, epochs: runEpochs, valSplit: 0, seed: runSeed, backend: options.backend, signal: options.signal, resume: resuming,
      fineTune: plan.fineTune ? { from: path.join(out, 'models', folder(plan.fineTune, runSeed)), freeze: 0 } : undefined,
      // A warm-started student goes on learning at the students' rate; a fine-tune of the renders' model adapts more gently.
      learningRate: plan.kind === 'fine-tune' ? 3e-4 : 1e-3, lrSchedule, ema, labelSmoothing, cache,
      unlabelled: plan.kind === 'consistency' ? { dir: options.real, threshold: confidence, ratio: unlabelledRatio, adaptive, augment: strongRecipe } : undefined,
      onEpoch: (m) => options.onEpoch?.(m.epoch),
    }).catch(rephraseInterruption(`interrupted in the run ${name}; the finished runs and this one's checkpoint are kept in ${options.out}: continue the report with --resume`));
    const kept = trained.metrics.at(-1)?.unlabelledKept;
    const predicted = await predictRun(trained.modelDir, testData.images, classes.length);
    if (plan.kind === 'synthetic-only' && runSeed === seed) syntheticPredictions = predicted;
    const metrics = classificationMetrics(testData.labels, predicted, classes);
    runs.push({
      name: plan.name, seed: runSeed, model: modelFolder.split(path.sep).join('/'), kind: plan.kind, realFraction: plan.fraction, realImages, syntheticImages, epochs: runEpochs,
      seconds: trained.metrics.reduce((sum, m) => sum + m.seconds, 0), accuracy: metrics.accuracy, perClass: metrics.perClass, confusion: metrics.confusion, pseudoLabels, round: plan.round ?? null,
      unlabelled: plan.kind === 'consistency' ? { images: unlabelledImages, confidence, adaptive, ratio: unlabelledRatio, kept: kept ?? 0 } : null,
    });
  }

  const summary = plans.map((plan) => summariseSeeds(runs.filter((r) => r.name === plan.name)));
  const byName = (name: string) => summary.find((r) => r.name === name)!;
  const realFull = byName(`real-${pctName(fractions.at(-1)!)}`);
  const syntheticOnly = byName('synthetic-only');
  const curve = (kind: GapRun['kind']) => summary.filter((r) => r.kind === kind)
    .map((r) => ({ realImages: r.realImages, realFraction: r.realFraction, accuracy: r.accuracy, std: r.std }));
  const meanRecall = (name: string, k: number) => mean(runs.filter((r) => r.name === name).map((r) => r.perClass[k]!.recall));
  const realCurve = curve('real-only');

  options.onStep?.({ index: steps - 1, total: steps, name: 'domain classifier', detail: 'how well a model tells synthetic from real' });
  const syntheticData = await loadLabelledImages(options.synthetic, synthetic.meta, shuffled(synthetic.records, createRng(seed).fork('probe')).slice(0, 5000), cache);
  const realTrainData = await loadLabelledImages(options.real, real.meta, shuffled(real.records, createRng(seed).fork('probe')).slice(0, 5000), cache);
  const domainClassifier = await trainDomainClassifier(syntheticData, realTrainData, seed);

  options.onStep?.({ index: steps, total: steps, name: 'kernel distance and parameter slices', detail: 'with the real-trained model' });
  const realModel = await loadModel(path.join(out, 'models', realFull.name, 'model'));
  let kid: GapReport['kid'];
  let slices: GapReport['slices'];
  let byClass: GapReport['classSlices'];
  try {
    const n = Math.min(1000, syntheticData.images.count, testData.images.count);
    const [synEmbed, dims] = await embed(realModel, syntheticData.images, n);
    const [realEmbed] = await embed(realModel, testData.images, n);
    kid = { value: kernelDistance(synEmbed, realEmbed, dims), images: n, embedding: `penultimate layer (${dims} values) of ${realFull.name}` };
    const onSynthetic = argmaxRows(await predictProbabilities(realModel, syntheticData.images), classes.length);
    const params = syntheticData.records.map((r) => r.params ?? {});
    slices = parameterSlices(params, Array.from(onSynthetic, (p, i) => p === syntheticData.labels[i]));
    byClass = classSlices(params, syntheticData.labels, onSynthetic, classes);
  } finally {
    realModel.dispose();
  }

  const wrong = syntheticPredictions!;
  const misclassified = [...testData.labels.keys()].filter((i) => wrong[i] !== testData.labels[i]).slice(0, 48);
  const report: GapReport = {
    format: 'synth-gap-report',
    version: 1,
    createdAt: new Date().toISOString(),
    synthetic: { dir: path.resolve(options.synthetic), name: synthetic.meta.name, images: synthetic.records.length, sceneHash: synthetic.meta.render?.sceneHash ?? null, seed: synthetic.meta.render?.seed ?? null },
    real: { dir: path.resolve(options.real), name: real.meta.name, trainImages: real.records.length, testImages: realTest.records.length },
    classes,
    config,
    headline: {
      realOnly: realFull.accuracy,
      realOnlyStd: realFull.std,
      syntheticOnly: syntheticOnly.accuracy,
      syntheticOnlyStd: syntheticOnly.std,
      gap: realFull.accuracy - syntheticOnly.accuracy,
      savings: summary.filter((r) => SAVINGS_METHODS.includes(r.kind as SavingsMethod)).map((r) => ({
        realFraction: r.realFraction,
        method: r.kind as SavingsMethod,
        accuracy: r.accuracy,
        std: r.std,
        equivalentRealFraction: equivalentFraction(realCurve, r.accuracy),
      })),
    },
    runs,
    summary,
    curves: { realOnly: realCurve, mixed: curve('mixed'), fineTune: curve('fine-tune'), selfTrained: curve('self-trained'), consistency: curve('consistency') },
    perClassGap: classes.map((c, k) => {
      const [realOnly, syntheticOnly] = [meanRecall(realFull.name, k), meanRecall('synthetic-only', k)];
      return { class: c, realOnly, syntheticOnly, gap: realOnly - syntheticOnly };
    }),
    domainClassifier,
    kid,
    slices,
    classSlices: byClass,
    samples: {
      synthetic: await pngSamples(syntheticData, [...Array(Math.min(48, syntheticData.images.count)).keys()]),
      real: await pngSamples(testData, [...Array(Math.min(48, testData.images.count)).keys()]),
      misclassified: (await pngSamples(testData, misclassified)).map((s, k) => ({ ...s, predicted: wrong[misclassified[k]!]! })),
    },
  };
  // report.json last: a resumed report that has it is complete.
  await writeFileAtomic(path.join(out, 'index.html'), renderGapHtml(report));
  await writeFileAtomic(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/**
 * Makes `out` ready for the report planned: new, replaced (force) or kept to be resumed (resume,
 * when it was started with the same plan). Returns whether it resumes.
 */
async function prepareReportFolder(out: string, options: GapOptions, plan: GapPlan): Promise<boolean> {
  if (existsSync(out) && (await readdir(out)).length > 0) {
    if (![PLAN_FILE, 'report.json', 'models'].some((f) => existsSync(path.join(out, f)))) {
      throw new SynthError(`${options.out}: holds files but no gap report (no ${PLAN_FILE}, report.json or models/); write the report into a new or empty folder`);
    }
    if (!options.resume && !options.force) {
      throw new SynthError(`${options.out}: a report is already there; --resume to continue it, --force to replace it, or choose another --out`);
    }
    const saved = options.resume ? await readGapPlan(out) : undefined;
    const changes = saved && planChanges(saved, plan);
    if (changes?.length === 0) return true;
    if (!options.force) {
      throw new SynthError(saved
        ? `${options.out}: the report there was started with other settings, data or synth; it cannot be resumed (--force to replace it):\n  ${changes!.join('\n  ')}`
        : `${options.out}: the report there has ${existsSync(path.join(out, PLAN_FILE)) ? `a damaged ${PLAN_FILE}` : `no ${PLAN_FILE} (written by an older synth)`}, so it cannot be resumed; --force to replace it`);
    }
    await rm(out, { recursive: true, force: true });
  }
  await mkdir(out, { recursive: true });
  await writeGapPlan(out, plan);
  return false;
}

/** The report in `out` if it was finished (a damaged one is made again). */
async function readFinishedReport(out: string): Promise<GapReport | undefined> {
  try {
    return GapReport.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

/** One run's seeds: mean accuracy, sample standard deviation and range. */
function summariseSeeds(runs: GapRun[]): RunSummary {
  const accuracies = runs.map((r) => r.accuracy);
  const accuracy = mean(accuracies);
  const n = accuracies.length;
  const { name, kind, realFraction, realImages } = runs[0]!;
  return {
    name, kind, realFraction, realImages, seeds: n, accuracy,
    std: n > 1 ? Math.sqrt(accuracies.reduce((sum, a) => sum + (a - accuracy) ** 2, 0) / (n - 1)) : 0,
    min: Math.min(...accuracies), max: Math.max(...accuracies),
  };
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** "1%" for 0.01, "100%" for 1: folder-friendly names of fractions. */
function pctName(f: number): string {
  return `${Number((f * 100).toPrecision(3))}pct`;
}

async function predictRun(modelDir: string, images: ImageBatch, classes: number): Promise<Int32Array> {
  const model = await loadModel(modelDir);
  try {
    return argmaxRows(await predictProbabilities(model, images), classes);
  } finally {
    model.dispose();
  }
}

/**
 * The real fraction that reaches `accuracy` on its own, interpolated on the real-only curve in log
 * space; null when even all real data does not reach it.
 */
export function equivalentFraction(curve: { realFraction: number; accuracy: number }[], accuracy: number): number | null {
  const points = [...curve].sort((a, b) => a.realFraction - b.realFraction);
  if (points.length === 0 || accuracy > points.at(-1)!.accuracy) return null;
  if (accuracy <= points[0]!.accuracy) return points[0]!.realFraction;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    if (accuracy <= b.accuracy) {
      if (accuracy === b.accuracy) return b.realFraction;
      const t = (accuracy - a.accuracy) / (b.accuracy - a.accuracy);
      return Math.exp(Math.log(a.realFraction) + t * (Math.log(b.realFraction) - Math.log(a.realFraction)));
    }
  }
  return points.at(-1)!.realFraction;
}

/** Held-out accuracy of the reference CNN trained to tell synthetic (0) from real (1) images. */
async function trainDomainClassifier(synthetic: LabelledImages, real: LabelledImages, seed: number): Promise<GapReport['domainClassifier']> {
  const n = Math.min(synthetic.images.count, real.images.count);
  const order = shuffled([...Array(2 * n).keys()], createRng(seed).fork('domain'));
  const trainCount = Math.floor(order.length * 0.8);
  const pick = (indices: number[]) => {
    const per = synthetic.images.height * synthetic.images.width * synthetic.images.channels;
    const pixels = new Uint8Array(indices.length * per);
    const labels = new Int32Array(indices.length);
    indices.forEach((idx, i) => {
      const [source, k] = idx < n ? [synthetic, idx] : [real, idx - n];
      pixels.set(source.images.pixels.subarray(k * per, (k + 1) * per), i * per);
      labels[i] = idx < n ? 0 : 1;
    });
    return { images: { ...synthetic.images, pixels, count: indices.length }, labels };
  };
  const train = pick(order.slice(0, trainCount));
  const test = pick(order.slice(trainCount));
  const model = referenceModel([synthetic.images.height, synthetic.images.width, synthetic.images.channels], 2, { seed });
  try {
    const x = imagesTensor(train.images);
    const y = labelsTensor(train.labels, 2);
    await model.fit(x, y, { epochs: 3, batchSize: 64, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    const predicted = argmaxRows(await predictProbabilities(model, test.images), 2);
    const correct = predicted.reduce((s, p, i) => s + (p === test.labels[i] ? 1 : 0), 0);
    return { accuracy: correct / test.labels.length, trainImages: train.labels.length, testImages: test.labels.length };
  } finally {
    model.dispose();
  }
}

/** Outputs of the model's penultimate layer for the first `n` images. */
async function embed(model: tf.LayersModel, images: ImageBatch, n: number): Promise<[Float32Array, number]> {
  const features = tf.model({ inputs: model.inputs, outputs: model.layers.at(-2)!.output as tf.SymbolicTensor });
  const x = imagesTensor(images, [...Array(n).keys()]);
  const y = features.predict(x) as tf.Tensor2D;
  const data = (await y.data()) as Float32Array;
  const dims = y.shape[1];
  tf.dispose([x, y]);
  return [data, dims];
}

async function pngSamples(data: LabelledImages, indices: number[]): Promise<{ id: number; label: number; png: string }[]> {
  const { height, width, channels } = data.images;
  const per = height * width * channels;
  return Promise.all(indices.map(async (i) => ({
    id: data.records[i]!.id,
    label: data.labels[i]!,
    png: (await encodePng(Buffer.from(data.images.pixels.subarray(i * per, (i + 1) * per)), width, height, channels)).toString('base64'),
  })));
}
