import type { Command } from 'commander';
import { augmentDataset } from '../augment/index.js';
import { wholeNumber } from './flags.js';

/** augment. */
export function addAugmentCommands(program: Command): void {
  program
    .command('augment')
    .description('write a dataset with K augmented copies of each training image; labels follow')
    .argument('<dataset>', 'dataset folder')
    .requiredOption('-k, --multiply <K>', 'augmented copies per training image', wholeNumber(1))
    .requiredOption('-o, --out <dir>', 'dataset folder to write')
    .option('-s, --seed <n>', 'seed', wholeNumber(0), 0)
    .option('-r, --recipe <file>', 'YAML/JSON recipe (default: a built-in, label-safe recipe; see recipes/)')
    .option('--no-originals', 'leave the unaugmented training images out')
    .option('--force', 'replace --out if it exists')
    .action(async (data: string, flags: { multiply: number; out: string; seed: number; recipe?: string; originals: boolean; force?: boolean }) => {
      const s = await augmentDataset({ data, out: flags.out, multiply: flags.multiply, seed: flags.seed, recipe: flags.recipe, originals: flags.originals, force: flags.force });
      process.stdout.write(`${s.out}: ${s.count} images (${Object.entries(s.bySplit).map(([k, n]) => `${n} ${k}`).join(', ')}), seed ${s.seed}, recipe ${s.recipeHash.slice(0, 12)}\n`);
      if (s.boxesDropped) process.stderr.write(`boxes not carried over: ${s.boxesDropped}\n`);
    });
}
