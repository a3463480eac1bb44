import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmHelpers } from './wasm-helpers.js';
import { registerBatchSplit } from './wasm-kernels/batch-split.js';

const require = createRequire(import.meta.url);
const FACTORY = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
const PTHREAD_WORKER = fileURLToPath(new URL('./wasm-pthread-worker.js', import.meta.url));
const MAX_THREADS = 8;

type WasmModule = ConstructorParameters<typeof BackendWasm>[0];
interface Emscripten {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => number;
  wasmMemory: WebAssembly.Memory;
  PThread: { unusedWorkers: { terminate(): unknown }[] };
}
type Factory = (config: {
  locateFile(path: string, prefix: string): string;
  mainScriptUrlOrBlob: string;
  instantiateWasm(
    imports: WebAssembly.Imports,
    receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): object;
}) => Promise<Emscripten>;

export interface WasmThreads {
  /** Threads asked for: the main thread plus helpers. */
  threads: number;
  /** Helper threads running; fewer than threads − 1 if they failed to start (see `note`). */
  helpers: number;
  note?: string;
}

let state: WasmThreads | undefined;

/** Threads the wasm backend uses unless told otherwise: one per core, at most 8. */
export function defaultWasmThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

/**
 * Makes the `wasm` backend compute on `threads` threads: the main thread and threads − 1 helpers
 * that take shares of each batch in the heavy kernels (wasm-helpers.ts, batch-split.ts). The
 * helpers read and write the backend's memory directly, which needs the package's threaded SIMD
 * build (its memory is a SharedArrayBuffer); the package itself only enables that build in
 * browsers (tensorflow/tfjs#3830). The build's own XNNPACK thread pool is kept at one thread: in
 * this version it does not parallelise convolutions, and its spinning threads took cores from
 * the helpers (training was 30 % slower with both). Call before the wasm backend first starts;
 * the thread count cannot change afterwards. If the threaded build or the helpers fail to start,
 * the package's single-threaded build runs and `wasmThreads().note` says why.
 */
export function useWasmThreads(threads: number = defaultWasmThreads()): void {
  const wanted = Math.max(1, Math.min(Math.floor(threads), MAX_THREADS));
  if (state !== undefined) {
    if (state.threads !== wanted) {
      throw new Error(`the wasm backend was set up for ${state.threads} thread(s); it cannot change to ${wanted}`);
    }
    return;
  }
  const fallback = tf.findBackendFactory('wasm');
  if (fallback === null || fallback === undefined) {
    throw new Error('@tensorflow/tfjs-backend-wasm must be imported before useWasmThreads()');
  }
  const current: WasmThreads = { threads: wanted, helpers: 0 };
  state = current;
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    () =>
      withoutNewProcessListeners(async () => {
        if (wanted === 1) return fallback();
        let backend: BackendWasm | undefined;
        try {
          const module = await instantiateThreadedBuild();
          backend = new BackendWasm(module as unknown as WasmModule);
          const helpers = await WasmHelpers.start(wanted - 1, module.wasmMemory);
          registerBatchSplit(helpers);
          const dispose = backend.dispose.bind(backend);
          backend.dispose = () => {
            void helpers.dispose();
            dispose();
          };
          current.helpers = helpers.size;
          return backend;
        } catch (error) {
          backend?.dispose();
          current.note = `its helper threads failed to start (${(error as Error).message}), so it runs on one thread`;
          return fallback();
        }
      }),
    2,
  );
}

/** How the wasm backend was set up in this process, if it was. */
export function wasmThreads(): Readonly<WasmThreads> | undefined {
  return state;
}

/**
 * Emscripten's Node glue adds `uncaughtException` and `unhandledRejection` listeners that rethrow,
 * so every later uncaught error in the program is reported with the whole one-line wasm glue
 * file as its source context. Errors are reported fine without them.
 */
async function withoutNewProcessListeners<T>(start: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = new Set(events.flatMap((event) => emitter.listeners(event)));
  try {
    return await start();
  } finally {
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

/** The threaded SIMD build, loaded the way Node can (file paths, not Blob URLs), with a 1-thread pool. */
async function instantiateThreadedBuild(): Promise<Emscripten> {
  const factoryPath = require.resolve(FACTORY);
  const wasmPath = factoryPath.replace(/\.js$/, '.wasm');
  const factory = require(FACTORY) as Factory;
  let failInstantiate: (error: Error) => void = () => {};
  const instantiateFailed = new Promise<never>((_, reject) => (failInstantiate = reject));
  const module = await Promise.race([
    factory({
      locateFile: (path, prefix) => (path.endsWith('.worker.js') ? PTHREAD_WORKER : path.endsWith('.wasm') ? wasmPath : prefix + path),
      mainScriptUrlOrBlob: factoryPath,
      instantiateWasm(imports, receive) {
        // The backend sizes its pool as logical cores / 2; reporting 2 cores gives a pool of one.
        const env = { ...imports['env'], emscripten_num_logical_cores: () => 2 };
        const patched: WebAssembly.Imports = {};
        for (const [name, table] of Object.entries(imports)) patched[name] = table === imports['env'] ? env : table;
        WebAssembly.instantiate(readFileSync(wasmPath), patched)
          .then(({ instance, module }) => receive(instance, module))
          .catch((error: unknown) => failInstantiate(error as Error));
        return {};
      },
    }),
    instantiateFailed,
  ]);
  Object.assign(module, {
    tfjs: {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    },
  });
  // The build starts 8 pthread workers up front; a pool of one thread never uses them.
  for (const worker of module.PThread.unusedWorkers.splice(0)) void worker.terminate();
  return module;
}
