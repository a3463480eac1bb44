/** synth's library API: everything the CLI does, callable from code. */
export * from './render/index.js';
export * from './dataset/index.js';
export * from './label/index.js';
export * from './import/index.js';
export * from './augment/index.js';
export * from './train/index.js';
export * from './eval/index.js';
export { SynthError } from './errors.js';
export { type Rng, createRng } from './rng.js';
