import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { readDatasetMeta } from '../dataset/index.js';
import { SynthError, rephraseInterruption } from '../errors.js';
import { evaluateModel, measureGap } from '../eval/index.js';
import { importMnist } from '../import/index.js';
import { progressDisplay } from '../progress.js';
import { DEFAULT_EMA, type LrSchedule, MODELS, type ModelName, trainModel } from '../train/index.js';
import { collect, fractionBelowOne, interruptSignal, parseBackend, parseLrSchedule, parseSplit, sourcesWithRecipes, pct, positiveNumber, probability, wholeNumber } from './flags.js';
import { printImport } from './import-commands.js';
import { runRender } from './render-commands.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_SCENE = path.join(packageRoot, 'scenes', 'digits.yaml');
/** The augmentation the quick start trains on the digits with, synthetic and real (measured in experiments/results.md). */
export const DEFAULT_RECIPE = path.join(packageRoot, 'recipes', 'synthetic-digits.yaml');
/** The label smoothing of the quick start's runs (experiments/results.md, session 9). */
const QUICKSTART_LABEL_SMOOTHING = 0.1;
/**
 * Two rounds of self-training, the second student warm-started from the first for 3 epochs: on
 * the quick start's data it is what brings synthetic + 1% of the labels level with all of them
 * (experiments/results.md, sessions 17-20), and since session 20's kernels it fits the 15 minutes.
 */
const QUICKSTART_SELF_TRAIN_ROUNDS = 2;
const QUICKSTART_WARM_START_EPOCHS = 3;

interface TrainFlags {
  data: string[];
  out: string;
  model?: string;
  epochs: number;
  batch: number;
  lr: number;
  lrSchedule: LrSchedule;
  ema: number;
  labelSmoothing?: number;
  backend: string;
  valSplit: number;
  seed: number;
  fineTune?: string;
  freeze: number;
  augment: string[];
  unlabelled?: string;
  unlabelledRatio?: number;
  confidence?: number;
  unlabelledWeight?: number;
  unlabelledAugment?: string;
  teacher?: string;
  adaptiveConfidence?: boolean;
  resume?: boolean;
  force?: boolean;
}

async function runTrain(flags: TrainFlags) {
  let bar: ReturnType<typeof progressDisplay> | undefined;
  if (flags.freeze > 0 && flags.fineTune === undefined) throw new SynthError('--freeze: keeps layers of the model a fine-tune starts from; give --fine-tune RUN too');
  const sources = sourcesWithRecipes(flags.data, flags.augment);
  const unlabelledOnly = [
    ['--unlabelled-ratio', flags.unlabelledRatio], ['--confidence', flags.confidence],
    ['--unlabelled-weight', flags.unlabelledWeight], ['--unlabelled-augment', flags.unlabelledAugment], ['--teacher', flags.teacher],
    ['--adaptive-confidence', flags.adaptiveConfidence],
  ] as const;
  for (const [flag, given] of unlabelledOnly) {
    if (given !== undefined && flags.unlabelled === undefined) throw new SynthError(`${flag}: applies only with --unlabelled DIR`);
  }
  try {
    return await trainModel({
      data: sources.data,
      out: flags.out,
      model: flags.model as ModelName | undefined,
      epochs: flags.epochs,
      batchSize: flags.batch,
      learningRate: flags.lr,
      lrSchedule: flags.lrSchedule,
      ema: flags.ema,
      labelSmoothing: flags.labelSmoothing,
      backend: parseBackend(flags.backend),
      valSplit: flags.valSplit,
      seed: flags.seed,
      fineTune: flags.fineTune === undefined ? undefined : { from: flags.fineTune, freeze: flags.freeze },
      augment: sources.augment,
      unlabelled: flags.unlabelled === undefined ? undefined : {
        dir: flags.unlabelled, ratio: flags.unlabelledRatio, threshold: flags.confidence, weight: flags.unlabelledWeight, augment: flags.unlabelledAugment,
        teacher: flags.teacher as 'model' | 'average' | undefined, adaptive: flags.adaptiveConfidence,
      },
      resume: flags.resume,
      force: flags.force,
      signal: interruptSignal(),
      onStart: (s) => process.stderr.write(`training on ${s.trainImages} images, ${s.epochs} epochs${s.startEpoch > 0 ? ` (resuming after epoch ${s.startEpoch})` : ''}\nbackend: ${s.backend.reason}\n`),
      onBatch: (p) => {
        if (p.batch === 1) bar = progressDisplay(`epoch ${p.epoch}`, p.batches, 'batch');
        bar?.update(p.batch);
        if (p.batch === p.batches) bar?.stop();
      },
      onEpoch: (m) => process.stderr.write(`epoch ${m.epoch}: loss ${m.loss.toFixed(4)}, accuracy ${pct(m.accuracy)}` +
        `${m.valAccuracy === null ? '' : `, validation ${pct(m.valAccuracy)}`}` +
        `${m.unlabelledKept === undefined ? '' : `, pseudo-labels kept ${pct(m.unlabelledKept)}`}, ${m.imagesPerSecond.toFixed(0)} img/s\n`),
    });
  } finally {
    bar?.stop();
  }
}

interface GapFlags {
  synthetic: string;
  real: string;
  out: string;
  realFractions: string;
  model: string;
  epochs: number;
  syntheticEpochs?: number;
  minSamples?: number;
  seed: number;
  seeds?: number;
  backend: string;
  augment?: string;
  augmentReal?: string;
  ema: number;
  labelSmoothing?: number;
  lrSchedule?: LrSchedule;
  selfTrain?: boolean | string;
  pseudoLabelThreshold?: number;
  studentEpochs?: number;
  selfTrainRounds?: number;
  warmStartEpochs?: number;
  consistency?: boolean | string;
  consistencyEpochs?: number;
  adaptiveConfidence?: boolean;
  confidence?: number;
  unlabelledRatio?: number;
  force?: boolean;
  resume?: boolean;
}

async function runGap(flags: GapFlags): Promise<void> {
  const numbers = (list: string) => list.split(',').map((f) => Number(f.trim()));
  const fractions = numbers(flags.realFractions);
  if (fractions.some((f) => !(f > 0 && f <= 1))) throw new SynthError(`--real-fractions: expected numbers in (0, 1] separated by commas, got ${JSON.stringify(flags.realFractions)}`);
  let bar: ReturnType<typeof progressDisplay> | undefined;
  const report = await measureGap({
    synthetic: flags.synthetic, real: flags.real, out: flags.out, fractions, model: flags.model as ModelName, epochs: flags.epochs, syntheticEpochs: flags.syntheticEpochs,
    minSamples: flags.minSamples, seed: flags.seed, seeds: flags.seeds, augment: flags.augment, augmentReal: flags.augmentReal, ema: flags.ema, labelSmoothing: flags.labelSmoothing, lrSchedule: flags.lrSchedule,
    selfTrain: typeof flags.selfTrain === 'string' ? numbers(flags.selfTrain) : flags.selfTrain, pseudoLabelThreshold: flags.pseudoLabelThreshold,
    studentEpochs: flags.studentEpochs, selfTrainRounds: flags.selfTrainRounds, warmStartEpochs: flags.warmStartEpochs,
    consistency: typeof flags.consistency === 'string' ? numbers(flags.consistency) : flags.consistency, consistencyEpochs: flags.consistencyEpochs, adaptiveConfidence: flags.adaptiveConfidence,
    confidence: flags.confidence, unlabelledRatio: flags.unlabelledRatio,
    backend: parseBackend(flags.backend), force: flags.force, resume: flags.resume, signal: interruptSignal(),
    onStep: (s) => {
      bar?.stop();
      process.stderr.write(`  [${s.index}/${s.total}] ${s.name}: ${s.detail}\n`);
      bar = s.epochs === undefined ? undefined : progressDisplay(`  ${s.name}`, s.epochs, 'epoch');
    },
    onEpoch: (epoch) => bar?.update(epoch),
  }).finally(() => bar?.stop());
  const h = report.headline;
  // The headline's real-only run is the one at the largest fraction (all the real images by default).
  const realOnlyImages = Math.max(...report.runs.filter((r) => r.kind === 'real-only').map((r) => r.realImages));
  const sd = (std: number) => (report.config.seeds > 1 ? ` ± ${(100 * std).toFixed(2)}` : '');
  const lines = [
    '',
    ...(report.config.seeds > 1 ? [`means ± standard deviation over ${report.config.seeds} seeds`] : []),
    `real only:       ${pct(h.realOnly)}${sd(h.realOnlyStd)}  (${realOnlyImages} of the ${report.real.trainImages} real training images)`,
    `synthetic only:  ${pct(h.syntheticOnly)}${sd(h.syntheticOnlyStd)}  (${report.synthetic.images} synthetic images)`,
    `gap:             ${(100 * h.gap).toFixed(2)} points`,
    ...h.savings.map((s) => `${s.method.padEnd(12)} + ${pct(s.realFraction).padStart(7)} real${s.method === 'self-trained' || s.method === 'consistency' ? ' labelled' : ''}: ${pct(s.accuracy)}${sd(s.std)}  = real alone at ${s.equivalentRealFraction === null ? 'more than 100%' : pct(s.equivalentRealFraction)}`),
    `domain classifier accuracy: ${pct(report.domainClassifier.accuracy)} (50% = indistinguishable); KID ${report.kid.value.toFixed(4)}`,
    '',
    `report: ${path.resolve(flags.out, 'index.html')}`,
    `        ${path.resolve(flags.out, 'report.json')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** train, eval, gap, quickstart. */
export function addModelCommands(program: Command): void {
  program
    .command('train')
    .description('train a model on one dataset or a weighted blend of several')
    .requiredOption('-d, --data <dir[:weight]>', 'a dataset folder, optionally with its share of each epoch (repeatable)', collect, [])
    .requiredOption('-o, --out <dir>', 'run folder to write (model/, metrics.jsonl, config.json, checkpoint/)')
    .option('--model <name>', `architecture: ${MODELS.join(', ')} (default reference; a fine-tune keeps its base's)`)
    .option('--epochs <n>', 'passes over the data', wholeNumber(1), 5)
    .option('--batch <n>', 'images per step', wholeNumber(1), 64)
    .option('--lr <rate>', 'Adam learning rate', positiveNumber, 1e-3)
    .option('--lr-schedule <name>', 'constant, or cosine: decays the rate to 0 over the run', parseLrSchedule, 'constant')
    .option('--ema <decay>', 'the model is a moving average of the weights, decaying by this factor per batch; 0 keeps the last batch\'s weights', fractionBelowOne, DEFAULT_EMA)
    .option('--label-smoothing <share>', 'share of each target spread over all classes', fractionBelowOne)
    .option('--backend <name>', 'auto, tensorflow, wasm or cpu', 'auto')
    .option('--val-split <fraction>', 'fraction of each dataset held out for validation', fractionBelowOne, 0.1)
    .option('--seed <n>', 'seed for initial weights, splits and shuffling', wholeNumber(0), 0)
    .option('--fine-tune <run>', 'start from a trained run\'s model')
    .option('--freeze <n>', 'with --fine-tune: layers kept frozen', wholeNumber(0), 0)
    .option('--augment <[dir=]recipe>', 'augment each batch on the fly with this recipe (see recipes/); DIR=RECIPE for one --data source only (repeatable)', collect, [])
    .option('--unlabelled <dir>', 'also learn from this dataset\'s training images without their labels: the model labels each clean image it is sure of and learns that label on a strongly augmented view (FixMatch)')
    .option('--unlabelled-ratio <r>', 'with --unlabelled: unlabelled images per labelled one in each batch (default 1)', positiveNumber)
    .option('--confidence <p>', 'with --unlabelled: a pseudo-label counts when the model gives it this probability (default 0.95)', probability)
    .option('--unlabelled-weight <w>', 'with --unlabelled: weight of the unlabelled loss against the labelled (default 1)', positiveNumber)
    .option('--unlabelled-augment <recipe>', 'with --unlabelled: the recipe of the strong views (default: the recipe --augment gives every source)')
    .option('--teacher <weights>', 'with --unlabelled: model (the weights as they are) or average (their moving average, --ema) labels the clean images (default model)')
    .option('--adaptive-confidence', 'with --unlabelled: each class gets its own bar, lower for the classes the model is sure of for fewer images; --confidence is the best-learnt class\'s (FlexMatch)')
    .option('--resume', 'continue the run in --out from its last checkpoint')
    .option('--force', 'replace a run already in --out')
    .action(async (flags: TrainFlags) => {
      const summary = await runTrain(flags);
      const last = summary.metrics.at(-1);
      process.stdout.write(`${summary.out}: trained in ${summary.seconds.toFixed(0)} s on ${summary.backend.name}` +
        (last ? `; last epoch: loss ${last.loss.toFixed(4)}, accuracy ${pct(last.accuracy)}${last.valAccuracy === null ? '' : `, validation ${pct(last.valAccuracy)}`}` : '') +
        `\nmodel: ${summary.modelDir}\n`);
    });

  program
    .command('eval')
    .description('accuracy, per-class precision/recall/F1 and confusion matrix of a trained model')
    .requiredOption('-m, --model <run>', 'run folder written by synth train')
    .requiredOption('-d, --data <dir>', 'dataset folder')
    .option('--split <name>', 'train, val or test', 'test')
    .option('--backend <name>', 'auto, tensorflow, wasm or cpu', 'auto')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { model: string; data: string; split: string; backend: string; json?: boolean }) => {
      const result = await evaluateModel({ model: flags.model, data: flags.data, split: parseSplit(flags.split), backend: parseBackend(flags.backend) });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      process.stdout.write(`accuracy ${pct(result.accuracy)} on ${result.count} ${result.split} images of ${result.data}\n\n`);
      process.stdout.write(`class        precision  recall   f1      support\n`);
      for (const c of result.perClass) {
        process.stdout.write(`${c.class.padEnd(12)} ${pct(c.precision).padStart(8)}  ${pct(c.recall).padStart(7)}  ${c.f1.toFixed(3)}  ${String(c.support).padStart(7)}\n`);
      }
      process.stdout.write(`\nconfusion (rows: true class, columns: predicted)\n${result.confusion.map((row) => row.map((n) => String(n).padStart(5)).join('')).join('\n')}\n`);
    });

  program
    .command('gap')
    .description('train on real, synthetic and blends; report the real-vs-synthetic gap on the real test split')
    .requiredOption('--synthetic <dir>', 'synthetic dataset folder')
    .requiredOption('--real <dir>', 'real dataset folder with train and test splits')
    .requiredOption('-o, --out <dir>', 'report folder (report.json, index.html, models/)')
    .option('--real-fractions <list>', 'fractions of the real training split to try', '0.01,0.1,1')
    .option('--model <name>', `architecture: ${MODELS.join(', ')}`, 'reference')
    .option('--epochs <n>', 'epochs per run (small runs get more, to see enough samples)', wholeNumber(1), 5)
    .option('--synthetic-epochs <n>', 'epochs of the synthetic-only run, the base of every fine-tune (default: --epochs)', wholeNumber(1))
    .option('--min-samples <n>', 'smaller runs train more epochs (at most 200) until they have seen n samples (default: as many as --epochs passes over the synthetic images)', wholeNumber(1))
    .option('--seed <n>', 'seed for weights, subsets and shuffling', wholeNumber(0), 0)
    .option('--seeds <n>', 'train every run with n seeds (--seed, --seed + 1, …) and report means and spreads; n times the time', wholeNumber(1), 1)
    .option('--backend <name>', 'auto, tensorflow, wasm or cpu', 'auto')
    .option('--augment <recipe>', 'augment the synthetic images on the fly with this recipe in every run on them (see recipes/)')
    .option('--augment-real <recipe>', 'augment the real training images on the fly with this recipe in every run on them')
    .option('--ema <decay>', 'every run keeps a moving average of its weights as its model (see synth train --ema)', fractionBelowOne, DEFAULT_EMA)
    .option('--label-smoothing <share>', 'every run spreads this share of each target over all classes (see synth train --label-smoothing)', fractionBelowOne)
    .option('--lr-schedule <name>', 'every run\'s learning rate: constant, or cosine (decays to 0 over each run)', parseLrSchedule, 'constant')
    .option('--self-train [fractions]', 'add a self-trained run at each fraction below 1 (or at those listed, e.g. 0.01): the rest of the real training images, labels held back, pseudo-labelled by that fraction\'s mixed and fine-tuned models')
    .option('--pseudo-label-threshold <p>', 'with --self-train: keep a pseudo-label when the teachers\' averaged probability reaches p (default 0.5)', probability)
    .option('--student-epochs <n>', 'with --self-train: epochs of each student at least (default: 2 × --epochs)', wholeNumber(1))
    .option('--self-train-rounds <n>', 'with --self-train: from the second round on, the previous round\'s student pseudo-labels the images for a new one (default 1)', wholeNumber(1))
    .option('--consistency [fractions]', 'add a consistency-trained run at each fraction below 1 (or at those listed, e.g. 0.01): the mixed run\'s data plus every real training image without its label, learnt from as it trains (FixMatch)')
    .option('--consistency-epochs <n>', 'with --consistency: epochs of each such run at least (default: 3 × --epochs)', wholeNumber(1))
    .option('--confidence <p>', 'with --consistency: a pseudo-label counts when the model gives it this probability (default 0.95)', probability)
    .option('--unlabelled-ratio <r>', 'with --consistency: unlabelled images per labelled one in each batch (default 1)', positiveNumber)
    .option('--adaptive-confidence', 'with --consistency: each class gets its own bar, lower for the classes the model is sure of for fewer images; --confidence is the best-learnt class\'s (FlexMatch)')
    .option('--warm-start-epochs <n>', 'with --self-train-rounds 2 or more: each later student starts from the previous one and trains n epochs (default: from scratch, --student-epochs)', wholeNumber(1))
    .option('--resume', 'continue the report in --out: its finished runs are kept, an interrupted one goes on from its checkpoint (same settings, data and synth only)')
    .option('--force', 'replace a report already in --out (with --resume: only one that cannot be resumed)')
    .action(async (flags: GapFlags) => {
      await runGap(flags);
    });

  program
    .command('quickstart')
    .description('the main job on the embedded default: render digits, import real MNIST, report the gap')
    .option('-o, --out <dir>', 'where datasets and the report go', '.')
    .option('-n, --count <n>', 'digits to render', wholeNumber(1), 20000)
    .option('--epochs <n>', 'epochs per training run', wholeNumber(1), 5)
    .option('--synthetic-epochs <n>', 'epochs of the synthetic-only run, the base of every fine-tune', wholeNumber(1), 6)
    .action(async (flags: { out: string; count: number; epochs: number; syntheticEpochs: number }) => {
      const synthetic = path.join(flags.out, 'datasets', 'digits');
      const real = path.join(flags.out, 'datasets', 'mnist');
      process.stderr.write(`1/3 render ${flags.count} synthetic digits (${DEFAULT_SCENE})\n`);
      // force: a folder from an older scene or build is replaced; one from this scene and build resumes.
      await runRender(DEFAULT_SCENE, { count: flags.count, out: synthetic, seed: 1, force: true });
      process.stderr.write('2/3 import the real MNIST digits of the mnist package\n');
      if (await readDatasetMeta(real).then((m) => m?.complete === true, () => false)) {
        process.stderr.write(`${real}: already imported\n`);
      } else {
        printImport(await importMnist({ out: real, force: true }));
      }
      process.stderr.write(`3/3 measure the gap (synthetic and real training images augmented with ${DEFAULT_RECIPE})\n`);
      await runGap({
        synthetic, real, out: path.join(flags.out, 'reports', 'digits-vs-mnist'), realFractions: '0.01,0.1,1', model: 'reference',
        epochs: flags.epochs, syntheticEpochs: flags.syntheticEpochs, seed: 0, backend: 'auto', augment: DEFAULT_RECIPE, augmentReal: DEFAULT_RECIPE, ema: DEFAULT_EMA,
        labelSmoothing: QUICKSTART_LABEL_SMOOTHING, selfTrain: '0.01', selfTrainRounds: QUICKSTART_SELF_TRAIN_ROUNDS, warmStartEpochs: QUICKSTART_WARM_START_EPOCHS,
        // As with the renders: a report of these settings, data and build resumes; any other is replaced.
        resume: true, force: true,
      }).catch(rephraseInterruption('interrupted; the same command again continues the report where it stopped'));
    });
}
