import { type Command, InvalidArgumentError, Option } from 'commander';
import { ExportFormat, type ExportSummary, exportDataset } from '../label/index.js';
import { progressDisplay } from '../progress.js';
import { interruptSignal, wholeNumber } from './flags.js';

interface ExportFlags {
  format: string;
  out: string;
  force?: boolean;
  minVisibility?: number;
  minPixels?: number;
  labelMode?: 'drop' | 'flag';
  rle: 'compressed' | 'uncompressed';
}

function fraction(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a fraction in [0, 1]');
  return n;
}

export function printExport(s: ExportSummary): void {
  const lines = s.formats.map((f) => {
    const objects = f.annotations === undefined ? '' : `, ${f.annotations} objects${f.ignored ? ` (${f.ignored} ignored)` : ''}`;
    const skipped = f.skipped > 0 ? `, ${f.skipped} records skipped` : '';
    return `  ${f.format}: ${f.images} images${objects}${skipped}`;
  });
  process.stdout.write(`${s.out}: ${s.records} records, images ${s.linked ? 'hard-linked' : 'copied'}\n${lines.join('\n')}\n`);
  const { invisible, dropped, boxMismatches } = s.counts;
  if (dropped > 0) process.stderr.write(`label filters dropped ${dropped} object(s)\n`);
  if (invisible > 0) process.stderr.write(`${invisible} object(s) with nothing visible were left out\n`);
  if (boxMismatches > 0) process.stderr.write(`warning: ${boxMismatches} object box(es) in the manifest differ from their mask's extent; the mask's were written\n`);
}

/** export. */
export function addExportCommands(program: Command): void {
  program
    .command('export')
    .description('write the labels of a dataset as COCO, YOLO, ImageFolder or depth files')
    .argument('<dataset>', 'dataset folder')
    .requiredOption('-f, --format <list>', `comma-separated: ${ExportFormat.options.join(', ')}`)
    .requiredOption('-o, --out <dir>', 'export folder (for coco alone, a .json path writes just that file)')
    .option('--force', 'replace --out even if it is not an export of this dataset')
    .option('--min-visibility <fraction>', 'objects less visible than this fail the label filter', fraction)
    .option('--min-pixels <n>', 'objects with fewer visible pixels fail the label filter', wholeNumber(0))
    .addOption(new Option('--label-mode <mode>', 'what happens to objects that fail: drop them, or flag them ignored').choices(['drop', 'flag']))
    .addOption(new Option('--rle <form>', 'COCO segmentation counts').choices(['compressed', 'uncompressed']).default('compressed'))
    .action(async (dataset: string, flags: ExportFlags) => {
      const filtered = flags.minVisibility !== undefined || flags.minPixels !== undefined || flags.labelMode !== undefined;
      const labels = filtered ? { minVisibility: flags.minVisibility, minPixels: flags.minPixels, mode: flags.labelMode } : undefined;
      let bar: ReturnType<typeof progressDisplay> | undefined;
      try {
        const summary = await exportDataset({
          dataset, format: flags.format, out: flags.out, force: flags.force, labels, rle: flags.rle, signal: interruptSignal(),
          onProgress: (p) => {
            bar ??= progressDisplay('export', p.total);
            bar.update(p.done);
          },
        });
        bar?.stop();
        printExport(summary);
      } finally {
        bar?.stop();
      }
    });
}
