import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SynthError } from '../errors.js';
import { LOCK_FILE } from './paths.js';

/**
 * An exclusive lock on a dataset folder, so two runs never write into one. The lock file holds the
 * owner's host and pid; a lock whose process is gone (a run killed with -9) is taken over.
 */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const me = `${os.hostname()} ${process.pid}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readFileSync(file, 'utf8').trim();
      if (!isStale(owner)) {
        throw new SynthError(`${dir}: another synth process (${owner || 'unknown'}) is writing this dataset; wait for it or stop it`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new SynthError(`${dir}: could not take the dataset lock ${file}`);
}

function isStale(owner: string): boolean {
  const [host, pidText] = owner.split(' ');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid)) return false;
  return !processExists(pid);
}

/** Whether a process with this id runs on this machine (one we may not signal still counts). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
