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
const WORKER = fileURLToPath(new URL('./wasm-pthread-worker.js', import.meta.url));
/** The threaded build pre-creates this many pthread workers; its thread pool cannot be larger. */
const MAX_THREADS = 8;

type WasmModule = ConstructorParameters<typeof BackendWasm>[0];
interface Emscripten {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => number;
  PThread: { runningWorkers: { unref(): void }[] };
}
type Imports = WebAssembly.Imports;
type Factory = (config: {
  locateFile(path: string, prefix: string): string;
  mainScriptUrlOrBlob: string;
  instantiateWasm(imports: Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): object;
}) => Promise<Emscripten>;

let setUp: { threads: number; note?: string } | undefined;
const POOL_THREADS = process.env['SYNTH_WASM_POOL'] === undefined ? undefined : Number(process.env['SYNTH_WASM_POOL']);

/** Threads the wasm backend uses unless told otherwise: one per core, at most 8. */
export function defaultWasmThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

/**
 * Makes the `wasm` backend use the package's threaded SIMD build, which the package itself only
 * enables in browsers (tensorflow/tfjs#3830), so that XNNPACK's convolutions and matrix products
 * run on `threads` cores. Must run before the wasm backend is first initialised; the thread count
 * cannot change afterwards. If the threaded build fails to start, the package's single-threaded
 * build runs instead and `threadedWasmNote()` says why.
 */
export function useThreadedWasm(threads: number = defaultWasmThreads()): void {
  const wanted = Math.max(1, Math.min(Math.floor(threads), MAX_THREADS));
  if (setUp !== undefined) {
    if (setUp.threads !== wanted) {
      throw new Error(
        `the wasm backend was already set up for ${setUp.threads} thread(s) in this process; ` +
          `it cannot be changed to ${wanted}`,
      );
    }
    return;
  }
  const fallback = tf.findBackendFactory('wasm');
  if (fallback === null || fallback === undefined) {
    throw new Error('@tensorflow/tfjs-backend-wasm must be imported before useThreadedWasm()');
  }
  const state: { threads: number; note?: string } = { threads: wanted };
  setUp = state;
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    () =>
      withoutNewProcessListeners(async () => {
        if (wanted === 1) return fallback();
        let backend: BackendWasm | undefined;
        try {
          backend = await createThreadedBackend(POOL_THREADS ?? wanted);
          const memory = (backend.wasm as unknown as { wasmMemory: WebAssembly.Memory }).wasmMemory;
          const helpers = await WasmHelpers.start(wanted - 1, memory);
          registerBatchSplit(helpers);
          const dispose = backend.dispose.bind(backend);
          backend.dispose = () => {
            void helpers.dispose();
            dispose();
          };
          return backend;
        } catch (error) {
          backend?.dispose();
          state.note = `the threaded wasm build failed to start (${(error as Error).message}), so it runs on one thread`;
          return fallback();
        }
      }),
    2,
  );
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

/** The thread count the wasm backend was set up for in this process, if it was. */
export function configuredWasmThreads(): number | undefined {
  return setUp?.threads;
}

/** Why the wasm backend runs on one thread although more were asked for, if it does. */
export function threadedWasmNote(): string | undefined {
  return setUp?.note;
}

async function createThreadedBackend(threads: number): Promise<BackendWasm> {
  const factoryPath = require.resolve(FACTORY);
  const wasmPath = factoryPath.replace(/\.js$/, '.wasm');
  const factory = require(FACTORY) as Factory;
  let failInstantiate: (error: Error) => void = () => {};
  const instantiateFailed = new Promise<never>((_, reject) => (failInstantiate = reject));
  const module = await Promise.race([
    factory({
      locateFile: (path, prefix) => (path.endsWith('.worker.js') ? WORKER : path.endsWith('.wasm') ? wasmPath : prefix + path),
      mainScriptUrlOrBlob: factoryPath,
      instantiateWasm(imports, receive) {
        // The backend sizes its thread pool as (logical cores / 2), assuming hyper-threading, so
        // on a 2-core machine it would run one thread. Reporting 2 × threads gives the pool we want.
        const env = { ...imports['env'], emscripten_num_logical_cores: () => 2 * threads };
        const patched: Imports = {};
        for (const [name, table] of Object.entries(imports)) patched[name] = table === imports['env'] ? env : table;
        WebAssembly.instantiate(readFileSync(wasmPath), patched)
          .then(({ instance, module }) => receive(instance, module))
          .catch((error: unknown) => failInstantiate(error as Error));
        return {};
      },
    }),
    instantiateFailed,
  ]);
  const cwrapped = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  Object.assign(module, { tfjs: cwrapped });
  const backend = new BackendWasm(module as unknown as WasmModule);
  // The pool's threads block waiting for work for the life of the backend; unreferenced, they do
  // not keep the process alive after the program is done.
  for (const worker of module.PThread.runningWorkers) worker.unref();
  const got = cwrapped.getThreadsCount();
  if (got !== threads) {
    backend.dispose();
    throw new Error(`asked for ${threads} threads, the thread pool has ${got}`);
  }
  return backend;
}
