/**
 * Entry script of the pthread workers of tfjs-backend-wasm's threaded SIMD build when it runs in
 * Node (see wasm-threads.ts). The package ships the worker only as a string meant for a Blob URL,
 * which Node's `worker_threads` cannot load, so this file evaluates that string in a scope that
 * provides the CommonJS globals it expects.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Both names are read by the evaluated worker source (direct eval sees this module's scope).
const require = createRequire(import.meta.url);
const __filename = fileURLToPath(import.meta.url);

const { wasmWorkerContents } = require(
  '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js',
) as { wasmWorkerContents: string };

// The source holds "\n" escapes that became real newlines inside string literals when it was
// wrapped in a template string; the package undoes that the same way before making its Blob.
eval(wasmWorkerContents.replace(/\n/g, '\\n'));
