import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../dataset/index.js';
import { SynthError } from '../errors.js';

const MODEL_JSON = 'model.json';
const WEIGHTS = 'weights.bin';

/**
 * Saves a model in the TF.js layers format (model.json + weights.bin), which tf.loadLayersModel
 * reads. Written file by file atomically, weights first, so model.json never points at missing weights.
 */
export async function saveModel(model: tf.LayersModel, dir: string, metadata: Record<string, unknown> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
    await writeFileAtomic(path.join(dir, WEIGHTS), new Uint8Array(weights));
    const json = {
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      trainingConfig: artifacts.trainingConfig,
      weightsManifest: [{ paths: [WEIGHTS], weights: artifacts.weightSpecs ?? [] }],
      userDefinedMetadata: { synth: metadata },
    };
    await writeFileAtomic(path.join(dir, MODEL_JSON), JSON.stringify(json));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  }));
}

export interface SavedModel {
  model: tf.LayersModel;
  /** The classes the model was trained on, in output order (undefined for a model synth did not save). */
  classes: string[] | undefined;
}

/** Loads a model saved by saveModel (or any TF.js layers model folder with one weights file). */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return (await loadSavedModel(dir)).model;
}

/** loadModel, with what saveModel recorded beside the weights. */
export async function loadSavedModel(dir: string): Promise<SavedModel> {
  const file = path.join(dir, MODEL_JSON);
  if (!existsSync(file)) throw new SynthError(`${dir}: no ${MODEL_JSON} (not a saved synth model)`);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as tf.io.ModelJSON;
  } catch (error) {
    throw new SynthError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const buffers = await Promise.all(json.weightsManifest.flatMap((group) => group.paths).map(async (p) => {
    const bytes = await readFile(path.join(dir, p));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }));
  checkWeightBytes(path.join(dir, json.weightsManifest.flatMap((group) => group.paths).join(', ')), weightSpecs, buffers.reduce((n, b) => n + b.byteLength, 0));
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: tf.io.CompositeArrayBuffer.join(buffers),
    // Not the training config: compiled from it, the model would hold an optimizer nobody disposes.
    // Predicting needs none, and a run compiles the model it trains with its own.
  }));
  const classes = (json.userDefinedMetadata as { synth?: { classes?: unknown } } | undefined)?.synth?.classes;
  return { model, classes: Array.isArray(classes) ? classes.map(String) : undefined };
}

/**
 * Refuses data whose classes differ from the model's, in names or order: every label would be read
 * as another class. `from` names the model in the message.
 */
export function checkModelClasses(from: string, modelClasses: string[] | undefined, dataClasses: string[], remedy: string): void {
  if (modelClasses === undefined || modelClasses.join('\u0000') === dataClasses.join('\u0000')) return;
  throw new SynthError(`${from}: the model was trained on classes [${modelClasses.join(', ')}], the data has [${dataClasses.join(', ')}]; ${remedy}`);
}

/** Adam's moment estimates and step, so a resumed run continues where it stopped. */
export async function saveOptimizer(optimizer: tf.Optimizer, dir: string): Promise<void> {
  const weights = await optimizer.getWeights();
  try {
    await saveNamedTensors(weights, dir, 'optimizer');
  } finally {
    // getWeights makes a new scalar for the step count; the rest are the optimizer's own variables.
    tf.dispose(weights.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  }
}

export async function loadOptimizer(optimizer: tf.Optimizer, dir: string): Promise<boolean> {
  const tensors = await loadNamedTensors(dir, 'optimizer');
  if (!tensors) return false;
  try {
    await optimizer.setWeights(Object.entries(tensors).map(([name, tensor]) => ({ name, tensor })));
  } finally {
    // setWeights makes variables of them (sharing their data) and reads the step count.
    tf.dispose(Object.values(tensors));
  }
  if (optimizer instanceof tf.AdamOptimizer) restoreAdamBetaPowers(optimizer);
  return true;
}

/** Writes tensors as `<stem>.bin` (TF.js weight encoding) and `<stem>.json` (their names, shapes and types). */
export async function saveNamedTensors(named: { name: string; tensor: tf.Tensor }[], dir: string, stem: string): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(named);
  await writeFileAtomic(path.join(dir, `${stem}.bin`), new Uint8Array(tf.io.CompositeArrayBuffer.join(data)));
  await writeFileAtomic(path.join(dir, `${stem}.json`), JSON.stringify(specs));
}

/** The tensors saveNamedTensors wrote, in their saved order; undefined when there are none. */
export async function loadNamedTensors(dir: string, stem: string): Promise<Record<string, tf.Tensor> | undefined> {
  const specsFile = path.join(dir, `${stem}.json`);
  if (!existsSync(specsFile)) return undefined;
  const specs = JSON.parse(await readFile(specsFile, 'utf8')) as tf.io.WeightsManifestEntry[];
  const binFile = path.join(dir, `${stem}.bin`);
  if (!existsSync(binFile)) throw new SynthError(`${binFile}: missing (${stem}.json names its tensors)`);
  const bytes = await readFile(binFile);
  checkWeightBytes(binFile, specs, bytes.byteLength);
  const tensors = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, specs);
  return Object.fromEntries(specs.map((s) => [s.name, tensors[s.name]!]));
}

/**
 * Adam's bias correction keeps beta1^t and beta2^t, multiplied by beta once per step in float32.
 * TF.js's setWeights recomputes them with one pow(), which differs in the last bits, so a resumed
 * run would drift from one never stopped. This redoes the step-by-step products (one float32
 * multiply is exact-rounded in JS and on every backend alike).
 */
function restoreAdamBetaPowers(optimizer: tf.AdamOptimizer): void {
  const adam = optimizer as unknown as { beta1: number; beta2: number; accBeta1: tf.Variable; accBeta2: tf.Variable };
  const power = (beta: number) => {
    const b = Math.fround(beta);
    let acc = b;
    for (let step = 0; step < optimizer.iterations; step++) acc = Math.fround(acc * b);
    return acc;
  };
  tf.tidy(() => {
    adam.accBeta1.assign(tf.scalar(power(adam.beta1)));
    adam.accBeta2.assign(tf.scalar(power(adam.beta2)));
  });
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Refuses weight data whose size is not what its specs describe (a file cut short, or another model's). */
function checkWeightBytes(file: string, specs: tf.io.WeightsManifestEntry[], bytes: number): void {
  const expected = specs.reduce((n, spec) => {
    const values = spec.shape.reduce((a, b) => a * b, 1);
    return n + values * (BYTES_PER_VALUE[spec.quantization?.dtype ?? spec.dtype] ?? 4);
  }, 0);
  if (bytes !== expected) throw new SynthError(`${file}: ${bytes} bytes of weights, but the model's description needs ${expected} (cut short, or another model's)`);
}
