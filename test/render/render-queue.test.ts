import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readDatasetMeta, readManifest } from '../../src/dataset/index.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { SynthError } from '../../src/errors.js';
import { checkRedis, startWorker, submitRender, waitForRun } from '../../src/render/render-queue.js';
import { cliPath, fixture, runCli, tempDir } from '../helpers.js';
import { assertSameDataset } from './same-dataset.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('rendering through a BullMQ queue on Redis', () => {
  let redis: ChildProcess;
  let url: string;
  before(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      redis.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('Ready to accept connections')) resolve();
      });
      redis.on('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  });
  after(() => {
    redis.kill();
  });

  it('two workers render a run that equals a single-process run, byte for byte', async () => {
    const root = tempDir();
    const scene = fixture('scenes/tiny.yaml');
    const single = path.join(root, 'single');
    await renderDataset({ scene, out: single, count: 50, seed: 6 });

    const out = path.join(root, 'queued');
    const run = await submitRender({ scene, count: 50, out, redis: url, seed: 6, chunk: 12 });
    assert.equal(run.jobs, 5);
    const handled: string[][] = [[], []];
    const workers = [0, 1].map((w) => startWorker({ redis: url, pages: 1, onJob: (m) => handled[w]!.push(m) }));
    try {
      await waitForRun(url, run.runId);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    assert.ok(handled[0]!.length > 0 && handled[1]!.length > 0, `both workers took jobs: ${handled.map((h) => h.length)}`);
    const records = await readManifest(out);
    assert.deepEqual(records.map((r) => r.id), [...Array(50).keys()]);
    assertSameDataset(out, single);
    assert.equal((await readDatasetMeta(out))?.complete, true);
  });

  it('retries the job of a worker killed mid-job on another worker, ending with the single-process bytes', async () => {
    const root = tempDir();
    const scene = fixture('scenes/tiny.yaml');
    const single = path.join(root, 'single');
    await renderDataset({ scene, out: single, count: 60, seed: 8 });

    const out = path.join(root, 'queued');
    const run = await submitRender({ scene, count: 60, out, redis: url, seed: 8, chunk: 20 });
    // Worker processes as users run them, each its own process group so that its Chromium dies with it.
    const spawnWorker = () => spawn(process.execPath, [cliPath, 'worker', '--redis', url, '--concurrency', '1', '--lock-seconds', '3'],
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    const doomed = spawnWorker();
    await new Promise<void>((resolve) => doomed.stderr!.on('data', (d: Buffer) => {
      if (/job \S+: images/.test(d.toString())) resolve();
    }));
    process.kill(-doomed.pid!, 'SIGKILL');
    const survivor = spawnWorker();
    let survivorLog = '';
    survivor.stderr!.on('data', (d: Buffer) => (survivorLog += d.toString()));
    try {
      await waitForRun(url, run.runId);
    } finally {
      process.kill(-survivor.pid!, 'SIGTERM');
    }
    assert.equal(survivorLog.match(/: images /g)?.length, 3, `the survivor rendered all three parts, the killed one's again:\n${survivorLog}`);
    const records = await readManifest(out);
    assert.deepEqual(records.map((r) => r.id), [...Array(60).keys()]);
    assertSameDataset(out, single);
  });
  it('refuses a URL that is not Redis\'s and names a Redis it cannot reach, at once, for submit and worker alike', async () => {
    const closedPort = await freePort();
    const refused = (pattern: RegExp) => (e: unknown) => e instanceof SynthError && e.exitCode === 2 && pattern.test(e.message);
    await assert.rejects(checkRedis('http://localhost:6379'), refused(/--redis: expected a redis:\/\/ .*got http:\/\/localhost:6379/));
    await assert.rejects(checkRedis(`redis://127.0.0.1:${closedPort}`), refused(new RegExp(`cannot reach Redis \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}\\)`)));
    const out = path.join(tempDir(), 'never');
    await assert.rejects(submitRender({ scene: fixture('scenes/tiny.yaml'), count: 2, out, redis: `redis://127.0.0.1:${closedPort}` }), refused(/cannot reach Redis/));
    const worker = await runCli(['worker', '--redis', `redis://127.0.0.1:${closedPort}`]);
    assert.equal(worker.code, 2);
    assert.match(worker.stderr, /cannot reach Redis \(connect ECONNREFUSED/);
    assert.equal(worker.stderr.split('\n').filter((l) => l !== '').length, 1, 'one line, not a retry loop');
  });
});
