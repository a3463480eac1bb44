import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { SynthError } from '../errors.js';
import { trainableLayerCount } from './freeze-layers.js';
import { checkModelClasses, loadSavedModel } from './model-files.js';

export interface FineTuneBase {
  model: tf.LayersModel;
  /** The architecture the base run recorded in its config.json (undefined for a bare model folder). */
  architecture: string | undefined;
}

/**
 * Loads the model a fine-tune starts from and checks it against the data before any run folder is
 * touched: the same classes in the same order (otherwise every label would mean another class),
 * the same image shape, and at most as many frozen layers as the model has.
 */
export async function loadFineTuneBase(from: string, freeze: number, data: { classes: string[]; shape: number[] }): Promise<FineTuneBase> {
  const { model, classes } = await loadSavedModel(path.join(from, 'model'));
  try {
    checkModelClasses(from, classes, data.classes, 'fine-tune on data with the same classes in the same order');
    const inputShape = model.inputs[0]!.shape.slice(1).join('x');
    if (inputShape !== data.shape.join('x')) {
      throw new SynthError(`${from}: the model takes ${inputShape} images, the data is ${data.shape.join('x')}`);
    }
    const layers = trainableLayerCount(model);
    if (freeze > layers) throw new SynthError(`--freeze: expected at most ${layers} (the layers of ${from}'s model), got ${freeze}`);
    return { model, architecture: await savedArchitecture(from) };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function savedArchitecture(from: string): Promise<string | undefined> {
  const file = path.join(from, 'config.json');
  if (!existsSync(file)) return undefined;
  const model = (JSON.parse(await readFile(file, 'utf8')) as { model?: unknown }).model;
  return typeof model === 'string' ? model : undefined;
}
