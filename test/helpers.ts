import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test/…). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(repoRoot, 'dist/src/cli.js');

export function fixture(...parts: string[]): string {
  return path.join(repoRoot, 'test/fixtures', ...parts);
}

/** A fresh temporary folder, removed when the test file finishes. */
export function tempDir(prefix = 'synth-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the synth CLI as a user would, capturing its output. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * A small real dataset from the `mnist` package: `train` and `test` images of each digit, as a
 * dataset folder (quicker to train on in tests than the full import).
 */
export async function smallMnist(out: string, train: number, test: number): Promise<string> {
  const { DatasetBuilder } = await import('../src/dataset/index.js');
  const { createRequire } = await import('node:module');
  const mnist = createRequire(import.meta.url)('mnist') as { get(i: number): number[] }[];
  const builder = await DatasetBuilder.create({
    out, kind: 'real', name: 'mnist-small', classes: Array.from({ length: 10 }, (_, d) => String(d)), image: { width: 28, height: 28, channels: 1 },
  });
  for (let k = 0; k < train + test; k++) {
    for (let digit = 0; digit < 10; digit++) {
      const pixels = Buffer.from(mnist[digit]!.get(k).map((v) => Math.round(v * 255)));
      await builder.add({ pixels, label: digit, split: k < train ? 'train' : 'test' });
    }
  }
  return builder.commit();
}
