import * as tf from '@tensorflow/tfjs';
import { SynthError } from '../errors.js';
import { AVERAGE_STEP, type AverageStepAttrs } from './wasm-kernels/average-step.js';

/**
 * An exponential moving average of a model's weights over the batches of a run (Polyak averaging,
 * Keras's use_ema, timm's ModelEma). The average of the last few hundred steps sits nearer the
 * middle of the flat region the optimizer wanders in than the last step does, and that carries
 * over to data unlike the training data: on real MNIST, models trained on synthetic digits gained
 * 0.3 to 2.2 points in each of ten runs (experiments/results.md, session 6).
 *
 * Averaged: every weight of the layers being trained (kernels, biases, and batch norm's moving
 * statistics). Frozen layers keep their exact weights. The average starts at the weights before the
 * first step, and its decay warms up as min(decay, (1 + t) / (10 + t)) at step t (as TensorFlow's
 * ExponentialMovingAverage with num_updates): a short run averages its last few steps, not its start.
 */
export class WeightAverage {
  private readonly averages: tf.Variable[];
  private readonly weights: tf.LayerVariable[];
  steps = 0;

  constructor(model: tf.LayersModel, readonly decay: number) {
    this.weights = model.layers.filter((layer) => layer.trainable).flatMap((layer) => layer.weights);
    this.averages = this.weights.map((w) => tf.tidy(() => tf.variable(w.read().clone(), false)));
  }

  /** Folds the model's current weights into the average (once per batch). */
  update(): void {
    const decay = Math.min(this.decay, (1 + this.steps) / (10 + this.steps));
    const fused = tf.getBackend() === 'wasm' && tf.getKernel(AVERAGE_STEP, 'wasm') !== undefined;
    tf.tidy(() => {
      this.averages.forEach((average, k) => {
        const weight = this.weights[k]!.read();
        average.assign(fused && weight.dtype === 'float32'
          ? tf.engine().runKernel(AVERAGE_STEP, { average, weight }, { decay, oneMinusDecay: 1 - decay } satisfies AverageStepAttrs as never) as tf.Tensor
          : average.mul(decay).add(weight.mul(1 - decay)));
      });
    });
    this.steps++;
  }

  /** Runs `use` with the averaged weights in the model, then puts the trained weights back. */
  async withAverage<T>(use: () => Promise<T>): Promise<T> {
    if (this.steps === 0) return use();
    const trained = this.weights.map((w) => tf.keep(w.read().clone()));
    tf.tidy(() => this.weights.forEach((w, k) => w.write(this.averages[k]!.clone())));
    try {
      return await use();
    } finally {
      this.weights.forEach((w, k) => w.write(trained[k]!));
      tf.dispose(trained);
    }
  }

  /** The averages, named for a checkpoint. */
  named(): { name: string; tensor: tf.Tensor }[] {
    return this.averages.map((average, k) => ({ name: `average/${k}`, tensor: average }));
  }

  /** Restores averages and step count saved by `named()` (same model, same order). */
  restore(tensors: Record<string, tf.Tensor>, steps: number): void {
    this.averages.forEach((average, k) => {
      const saved = tensors[`average/${k}`];
      if (!saved || saved.shape.join() !== average.shape.join()) throw new SynthError(`the checkpoint's weight average does not fit the model (weight ${k}, ${this.weights[k]!.name}); start a new run (or --force)`);
      average.assign(saved);
    });
    this.steps = steps;
  }

  dispose(): void {
    tf.dispose(this.averages);
  }
}
