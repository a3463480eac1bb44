import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { descendants, processMemory } from '../src/process-memory.js';

describe('processMemory', () => {
  it('counts the processes this one started, grandchildren included, and drops them once they exit', async () => {
    const before = descendants(process.pid);
    // A shell that starts a grandchild and waits for it.
    const child = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore', detached: true });
    try {
      let found: number[] = [];
      for (let i = 0; i < 100 && found.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        found = descendants(process.pid).filter((pid) => !before.includes(pid));
      }
      assert.equal(found.length, 2, 'the shell and its sleep');
      assert.ok(found.includes(child.pid!));
      const memory = processMemory();
      assert.ok(memory.children > 0 && memory.node > 0);
    } finally {
      process.kill(-child.pid!, 'SIGKILL'); // its process group: the shell and the sleep
    }
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(!descendants(process.pid).includes(child.pid!));
  });
});
