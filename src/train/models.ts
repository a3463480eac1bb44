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
  compileForTraining(model);
  return model;
}

export interface SmallResnetOptions extends ModelOptions {
  /** Channels of the stem, then of each residual block; a block that changes the channel count halves the resolution. */
  widths?: readonly number[];
}

/**
 * A small ResNet: stem conv 3×3 → batch norm → relu, then residual blocks (conv 3×3
 * → BN → relu → conv 3×3 → BN, added to the input, relu), global average pooling, dense `classes`
 * softmax. A block that changes the width uses stride 2, and its shortcut is a 1×1 stride-2 conv
 * with BN. Convs before BN have no bias (BN's offset takes its place). No dropout: TF.js draws its
 * masks from Math.random (or, seeded, the same mask every batch), which would end determinism.
 * BN momentum 0.9 (TF.js defaults to 0.99), so the moving statistics settle within a short run.
 */
export function smallResnet(
  inputShape: readonly [height: number, width: number, channels: number],
  classes: number,
  options: SmallResnetOptions = {},
): tf.LayersModel {
  const seed = options.seed ?? 0;
  const [stemWidth, ...stages] = options.widths ?? [16, 32, 64];
  let k = 0;
  // TF.js's normal initialisers take a seed of 0 for none and draw from Math.random: the first
  // conv of seed 0 gets −1 instead (no other layer or seed uses it; the others keep their seeds).
  const nextSeed = () => seed * 64 + k++ || -1;
  const conv = (name: string, filters: number, kernelSize: number, strides = 1) => tf.layers.conv2d({
    name, filters, kernelSize, strides, padding: 'same', useBias: false,
    kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
  });
  const bn = (name: string) => tf.layers.batchNormalization({ name, momentum: 0.9 });
  const relu = (name: string) => tf.layers.activation({ name, activation: 'relu' });

  const input = tf.input({ shape: [...inputShape], name: 'image' });
  let x = relu('stem_relu').apply(bn('stem_bn').apply(conv('stem_conv', stemWidth!, 3).apply(input))) as tf.SymbolicTensor;
  let width = stemWidth!;
  stages.forEach((filters, i) => {
    const name = `block${i + 1}`;
    const strides = filters === width ? 1 : 2;
    let y = conv(`${name}_conv1`, filters, 3, strides).apply(x) as tf.SymbolicTensor;
    y = relu(`${name}_relu1`).apply(bn(`${name}_bn1`).apply(y)) as tf.SymbolicTensor;
    y = bn(`${name}_bn2`).apply(conv(`${name}_conv2`, filters, 3).apply(y)) as tf.SymbolicTensor;
    const shortcut = strides === 1
      ? x
      : bn(`${name}_shortcut_bn`).apply(conv(`${name}_shortcut`, filters, 1, strides).apply(x)) as tf.SymbolicTensor;
    x = relu(`${name}_out`).apply(tf.layers.add({ name: `${name}_add` }).apply([y, shortcut])) as tf.SymbolicTensor;
    width = filters;
  });
  x = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({
    name: 'classes', units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
  }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ name: 'small_resnet', inputs: input, outputs: output });
  compileForTraining(model);
  return model;
}

/**
 * Compiles `model` with categorical cross-entropy and accuracy. By default with Adam at 1e-3, named
 * rather than passed so that the model owns it: TF.js disposes an optimizer's state with the model
 * only when it made the optimizer itself. An optimizer the model was compiled with before is
 * disposed (TF.js leaves that to its caller).
 */
export function compileForTraining(model: tf.LayersModel, optimizer: tf.Optimizer | 'adam' = 'adam'): void {
  const replaced = model.optimizer;
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  if (replaced && replaced !== model.optimizer) replaced.dispose();
}
