import type { Command } from 'commander';
import { ExportFormat, checkExportDestination, exportDataset, parseFormats, previewSheet } from '../label/index.js';
import { SynthError } from '../errors.js';
import { printExport } from './export-commands.js';
import { progressDisplay } from '../progress.js';
import { RECYCLE_AFTER, checkRedis, type RenderSummary, type Shard, loadScene, mergeShards, renderDataset, sceneJsonSchema, startWorker, submitRender, waitForRun } from '../render/index.js';
import { interruptSignal, parseShard, wholeNumber } from './flags.js';

export interface RenderFlags {
  count: number;
  out: string;
  seed?: number;
  concurrency?: number;
  batch?: number;
  force?: boolean;
  chromium?: string;
  shard?: Shard;
  recycleAfter?: number;
  export?: string;
  exportOut?: string;
}

/** How errors name the destination of render --export: the flag that sets it; render's --force replaces the render, not the export. */
const EXPORT_OUT = { flag: '--export-out', canForce: false };

export async function runRender(scene: string, flags: RenderFlags): Promise<RenderSummary> {
  // Checked before rendering: a typo in --export should not cost a run.
  if (flags.exportOut !== undefined && flags.export === undefined) throw new SynthError('--export-out: names where --export writes; give --export FORMATS too');
  if (flags.export !== undefined && parseFormats(flags.export, '--export').includes('depth') && !loadScene(scene).spec.labels.depth) {
    throw new SynthError(`--export depth: ${scene} writes no depth images; set labels.depth: true in the scene`);
  }
  const exportOut = flags.exportOut ?? `${flags.out}-export`;
  if (flags.export !== undefined) await checkExportDestination(exportOut, flags.out, { ...EXPORT_OUT, path: exportOut });
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
      recycleAfter: flags.recycleAfter,
      signal: interruptSignal(),
      onStart: (s) => {
        process.stderr.write(
          `rendering ${s.toRender} images into ${s.out}` +
            (s.alreadyPresent > 0 ? ` (resuming: ${s.alreadyPresent} already there)` : '') +
            `\n  seed ${s.seed}, ${s.concurrency} pages, renderer: ${s.renderer}\n`,
        );
        bar = progressDisplay('render', s.toRender, 'img', { memory: 'browser' });
      },
      onProgress: (p) => bar?.update(p.done),
    });
    bar?.stop();
    const rate = summary.rendered > 0 ? `, ${summary.imagesPerSecond.toFixed(0)} img/s` : '';
    process.stdout.write(
      `${summary.out}: ${summary.images} images (${summary.rendered} rendered now in ${summary.seconds.toFixed(1)} s${rate}` +
        `${summary.alreadyPresent > 0 ? `, ${summary.alreadyPresent} kept from before` : ''}); renderer: ${summary.renderer}\n`,
    );
    if (flags.export !== undefined) {
      printExport(await exportDataset({ dataset: summary.out, format: flags.export, out: exportOut, outFlag: EXPORT_OUT, signal: interruptSignal() }));
    }
    return summary;
  } finally {
    bar?.stop();
  }
}

/** render, validate, schema, preview, merge, queue submit, worker. */
export function addRenderCommands(program: Command): void {
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
    .option('--recycle-after <n>', `replace each render page after n frames, keeping memory flat; 0: never (default ${RECYCLE_AFTER})`, wholeNumber(0))
    .option('--export <formats>', `when the render is done, export its labels (comma-separated: ${ExportFormat.options.join(', ')})`)
    .option('--export-out <dir>', 'where --export writes (default: <out>-export)')
    .action(async (scene: string, flags: RenderFlags) => {
      await runRender(scene, flags);
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
    .option('--lock-seconds <s>', 'a job held this long without a heartbeat (its worker died) goes to another worker', wholeNumber(1), 120)
    .action(async (flags: { redis: string; concurrency?: number; lockSeconds: number }) => {
      await checkRedis(flags.redis);
      const worker = startWorker({ redis: flags.redis, pages: flags.concurrency, lockSeconds: flags.lockSeconds, onJob: (m) => process.stderr.write(`${m}\n`) });
      worker.on('failed', (job, error) => process.stderr.write(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}\n`));
      // Losing Redis makes the connection retry and report every attempt: say so once per new message.
      let lastError = '';
      worker.on('error', (error) => {
        if (error.message !== lastError) process.stderr.write(`worker: ${error.message} (retrying)\n`);
        lastError = error.message;
      });
      process.stderr.write(`worker taking jobs from ${flags.redis}\n`);
      await new Promise<void>((resolve) => {
        // The first signal lets the current job finish; a second one (or a close that cannot reach Redis) does not wait.
        let stopping = false;
        const stop = () => {
          if (stopping) process.exit(130);
          stopping = true;
          process.stderr.write('worker: finishing the current job (signal again to stop at once)\n');
          void worker.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
