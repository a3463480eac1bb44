import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { SynthError } from '../errors.js';
import { defaultWasmThreads, useWasmThreads, wasmThreads } from './wasm-threads.js';
import { registerWasmKernels } from './wasm-kernels/index.js';

export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface SelectedBackend {
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** Why this backend runs, and why better ones do not. One sentence, for the CLI and run logs. */
  reason: string;
  /** Threads the backend computes on (for tensorflow: what libtensorflow decides, reported as cores). */
  threads: number;
}

export interface SelectBackendOptions {
  /** Threads for the wasm backend (default: one per core, at most 8). Fixed once wasm has started. */
  threads?: number;
}

/** The native bindings in order of preference; both register the backend `tensorflow`. */
const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/**
 * Activates the requested TF.js backend, or with `auto` the best one that works here:
 * libtensorflow through @tensorflow/tfjs-node-gpu or -node (optional dependencies), else wasm with
 * synth's gradient kernels on all cores, else the pure-JS cpu backend. Throws a SynthError naming
 * the cause and the fix when an explicitly requested backend cannot start.
 */
export async function selectBackend(
  requested: BackendRequest = 'auto',
  options: SelectBackendOptions = {},
): Promise<SelectedBackend> {
  if (requested === 'cpu') {
    await activate('cpu');
    return { name: 'cpu', reason: 'cpu was requested (pure JavaScript, the slowest backend)', threads: 1 };
  }
  const missing: string[] = [];
  if (requested === 'auto' || requested === 'tensorflow') {
    for (const pkg of NATIVE) {
      const problem = await tryNative(pkg);
      if (problem === undefined) {
        return {
          name: 'tensorflow',
          reason: `${pkg} loaded (libtensorflow${pkg.endsWith('gpu') ? ' with CUDA' : ''})`,
          threads: availableParallelism(),
        };
      }
      missing.push(problem);
    }
    if (requested === 'tensorflow') {
      throw new SynthError('backend "tensorflow" is not available', {
        details: [
          ...missing,
          'install one with network access (npm install @tensorflow/tfjs-node), or use --backend wasm',
        ],
      });
    }
  }
  const configured = wasmThreads()?.threads;
  const threads = options.threads ?? configured ?? defaultWasmThreads();
  if (configured !== undefined && configured !== threads) {
    throw new SynthError(`the wasm backend already runs with ${configured} thread(s) in this process`, {
      details: [`${threads} thread(s) were asked for; the thread count cannot be changed once wasm has started`],
    });
  }
  const wasmProblem = await tryWasm(threads);
  const absent = missing.length > 0 ? `; ${missing.join('; ')}` : '';
  if (wasmProblem === undefined) {
    const { helpers, note } = wasmThreads()!;
    const how = helpers === 0 ? 'on one thread' : `on ${helpers + 1} threads (each batch split between the main thread and ${helpers} helper${helpers === 1 ? '' : 's'})`;
    return {
      name: 'wasm',
      reason: `wasm (XNNPACK, SIMD) ${how} with synth's gradient kernels${note === undefined ? '' : `; ${note}`}${absent}`,
      threads: helpers + 1,
    };
  }
  if (requested === 'wasm') {
    throw new SynthError('backend "wasm" is not available', {
      details: [wasmProblem, 'use --backend cpu (much slower)'],
    });
  }
  await activate('cpu');
  return { name: 'cpu', reason: `cpu, the only backend that started${absent}; ${wasmProblem}`, threads: 1 };
}

async function tryNative(pkg: string): Promise<string | undefined> {
  try {
    await import(pkg);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
      return `${pkg} is not installed (an optional dependency: its install downloads libtensorflow, which needs network access)`;
    }
    return `${pkg} is installed but failed to load: ${firstLine(e.message)}`;
  }
  try {
    await activate('tensorflow');
    return undefined;
  } catch (error) {
    return `${pkg} loaded but its backend did not start: ${firstLine((error as Error).message)}`;
  }
}

async function tryWasm(threads: number): Promise<string | undefined> {
  try {
    useWasmThreads(threads);
    registerWasmKernels();
    await activate('wasm');
    return undefined;
  } catch (error) {
    return `the wasm backend did not start: ${firstLine((error as Error).message)}`;
  }
}

async function activate(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
