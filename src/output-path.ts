import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SynthError } from './errors.js';

/** Whether `child` is `parent` or lies below it. */
export function contains(parent: string, child: string): boolean {
  const relation = path.relative(parent, child);
  return relation === '' || (relation !== '..' && !relation.startsWith(`..${path.sep}`) && !path.isAbsolute(relation));
}

/** The path with symbolic links resolved as far as it exists, so overlap checks see through links. */
export function realPath(file: string): string {
  const missing: string[] = [];
  let at = path.resolve(file);
  while (!existsSync(at) && path.dirname(at) !== at) {
    missing.unshift(path.basename(at));
    at = path.dirname(at);
  }
  return path.join(realpathSync(at), ...missing);
}

/**
 * Checks an output folder before anything is written: it may not be a file or lie under one, and it
 * may not be or hold any of `inputs` (files or folders the command reads), which replacing it
 * (--force) would delete. `flag` names the option in messages.
 */
export function checkOutputFolder(out: string, inputs: readonly string[] = [], flag = '--out'): void {
  const target = path.resolve(out);
  for (let at = target; ; at = path.dirname(at)) {
    if (existsSync(at) && !statSync(at).isDirectory()) {
      throw new SynthError(`${flag} ${out}: ${at === target ? 'is a file, not a folder' : `${at} is a file, not a folder`}; choose another ${flag}`);
    }
    if (path.dirname(at) === at) break;
  }
  const real = realPath(target);
  for (const input of inputs) {
    if (contains(real, realPath(input))) {
      throw new SynthError(`${flag} ${out}: is or holds ${input}, which this command reads (replacing the folder would delete it); choose a folder of its own`);
    }
  }
}
