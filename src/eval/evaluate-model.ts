import path from 'node:path';
import type { Split } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { type BackendRequest, selectBackend } from '../train/backend.js';
import { checkModelClasses, loadSavedModel } from '../train/model-files.js';
import { predictProbabilities } from '../train/tensors.js';
import { loadLabelledImages, readSplit } from '../train/training-data.js';
import { type ClassificationMetrics, argmaxRows, classificationMetrics } from './classification-metrics.js';

export interface EvaluateOptions {
  /** A run folder written by trainModel (or its model/ folder). */
  model: string;
  data: string;
  split?: Split | undefined;
  backend?: BackendRequest | undefined;
}

export interface EvaluationResult extends ClassificationMetrics {
  model: string;
  data: string;
  split: Split;
}

/** Accuracy, per-class precision/recall/F1 and confusion matrix of a trained model on one split of a dataset. */
export async function evaluateModel(options: EvaluateOptions): Promise<EvaluationResult> {
  const split = options.split ?? 'test';
  const modelDir = path.basename(options.model) === 'model' ? options.model : path.join(options.model, 'model');
  await selectBackend(options.backend ?? 'auto');
  const { model, classes } = await loadSavedModel(modelDir);
  try {
    const { meta, records } = await readSplit(options.data, split);
    checkModelClasses(options.model, classes, meta.classes, 'evaluate on data with the same classes in the same order');
    if (records.length === 0) throw new SynthError(`${options.data}: no images in the ${split} split`);
    const data = await loadLabelledImages(options.data, meta, records);
    const inputShape = model.inputs[0]!.shape.slice(1).join('x');
    const dataShape = [data.images.height, data.images.width, data.images.channels].join('x');
    if (inputShape !== dataShape) throw new SynthError(`${options.model} takes ${inputShape} images, but ${options.data} has ${dataShape}`);
    const probabilities = await predictProbabilities(model, data.images);
    const metrics = classificationMetrics(data.labels, argmaxRows(probabilities, meta.classes.length), meta.classes);
    return { model: path.resolve(options.model), data: path.resolve(options.data), split, ...metrics };
  } finally {
    model.dispose();
  }
}
