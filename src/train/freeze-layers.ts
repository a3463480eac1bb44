import type * as tf from '@tensorflow/tfjs';

type Layer = tf.LayersModel['layers'][number];

/**
 * Freezes the first `count` layers of a model (the input layer not counted, so the count means
 * the same for sequential and functional models) and lets the rest train. A frozen batch-norm
 * layer also normalises with its moving statistics, as in Keras: TF.js on its own keeps
 * normalising it with each batch's statistics while training and keeps updating its moving
 * averages, so "frozen" layers would drift.
 */
export function freezeLayers(model: tf.LayersModel, count: number): void {
  countedLayers(model).forEach((layer, i) => {
    layer.trainable = i >= count;
    if (layer.getClassName() === 'BatchNormalization') inferenceWhileFrozen(layer);
  });
}

/** The layers `freezeLayers` counts: all but the input layer. */
export function trainableLayerCount(model: tf.LayersModel): number {
  return countedLayers(model).length;
}

function countedLayers(model: tf.LayersModel): Layer[] {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

const patched = new WeakSet<Layer>();

function inferenceWhileFrozen(layer: Layer): void {
  if (patched.has(layer)) return;
  patched.add(layer);
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, layer.trainable ? kwargs : { ...kwargs, training: false });
}
