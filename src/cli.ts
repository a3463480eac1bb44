#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { addAugmentCommands } from './cli/augment-commands.js';
import { addExportCommands } from './cli/export-commands.js';
import { addImportCommands } from './cli/import-commands.js';
import { addModelCommands } from './cli/model-commands.js';
import { addRenderCommands } from './cli/render-commands.js';
import { SynthError } from './errors.js';

/** The synth command line: thin over the library; each group of commands lives in src/cli/. */
export function buildCli(): Command {
  const program = new Command('synth')
    .description('Synthetic labelled images for computer vision: render, augment, train, and measure the gap to real data.')
    .showHelpAfterError('(run with --help for usage)')
    // Set before the commands are added, so they inherit it: usage errors come back to main() as exit code 2.
    .exitOverride();
  addRenderCommands(program);
  addImportCommands(program);
  addAugmentCommands(program);
  addExportCommands(program);
  addModelCommands(program);
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
