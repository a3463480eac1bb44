#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { SynthError } from './errors.js';
import { progressDisplay } from './progress.js';
import { loadScene, renderDataset, sceneJsonSchema } from './render/index.js';
import type { RenderSummary } from './render/index.js';

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
    .command('quickstart')
    .description('the main job on the embedded default: render the digits scene')
    .option('-o, --out <dir>', 'where datasets go', 'datasets')
    .option('-n, --count <n>', 'digits to render', wholeNumber(1), 3000)
    .action(async (flags: { out: string; count: number }) => {
      const summary = await runRender(DEFAULT_SCENE, { count: flags.count, out: path.join(flags.out, 'digits'), seed: 1 });
      process.stdout.write(`\nsynthetic digits: ${summary.out} (manifest.jsonl lists each image, its label and sampled parameters)\n`);
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
    process.stderr.write(`synth: unexpected error (a bug; please report it)\n${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv);
}
