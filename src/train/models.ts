import * as tf from '@tensorflow/tfjs';

export interface ModelOptions {
  /** Seeds the weight initialisers; the same seed gives the same initial weights. */
  seed?: number;
}

/**
 * The CNN of ../shared/anchors/torch_train.py, compiled for training: conv 3×3×32 valid relu,
 * maxpool 2, conv 3×3×64 valid relu, maxpool 2, flatten, dense 128 relu, dense `classes`
 * softmax; Adam 1e-3, categorical cross-entropy, accuracy.
 */
export function referenceModel(
  inputShape: readonly [height: number, width: number, channels: number],
  classes: number,
  options: ModelOptions = {},
): tf.Sequential {
  const seed = options.seed ?? 0;
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed * 16 + i });
  const model = tf.sequential({
    name: 'reference',
    layers: [
      tf.layers.conv2d({
        inputShape: [...inputShape],
        filters: 32,
        kernelSize: 3,
        padding: 'valid',
        activation: 'relu',
        kernelInitializer: init(0),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'valid', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
