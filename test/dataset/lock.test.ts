import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { acquireLock } from '../../src/dataset/lock.js';
import { SynthError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

describe('acquireLock', () => {
  it('refuses a second writer while the first holds the lock, and frees it on release', () => {
    const dir = tempDir();
    const release = acquireLock(dir);
    assert.throws(() => acquireLock(dir), (e: unknown) => e instanceof SynthError && /another synth process/.test(e.message));
    release();
    assert.equal(existsSync(path.join(dir, '.synth.lock')), false);
    acquireLock(dir)();
  });

  it('takes over a stale lock left by a process that no longer exists', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(dir, '.synth.lock'), `${os.hostname()} ${dead}`);
    const release = acquireLock(dir);
    release();
  });
});
