import { SynthError } from '../errors.js';

/**
 * Class-adaptive confidence thresholds (FlexMatch, Zhang et al. 2021). A fixed bar starves the
 * classes a model finds hard: it is rarely sure of them, so their unlabelled images seldom count
 * and it stays unsure. Here each class's bar scales with how many unlabelled images the model is
 * sure belong to it, against the best-learnt class or, early on, against the images it is not yet
 * sure of at all (the warm-up): bar_c = threshold · β_c / (2 − β_c).
 */
export class ClassThresholds {
  /** Per unlabelled image: the class the model last gave it with probability ≥ threshold, or −1. */
  readonly sure: Int32Array;

  constructor(images: number, readonly classes: number, readonly threshold: number, saved?: Int32Array) {
    if (saved && saved.length !== images) throw new SynthError(`class thresholds: the checkpoint holds ${saved.length} unlabelled images, the pool ${images} (a damaged checkpoint); start the run again with --force`);
    const outOfRange = saved?.findIndex((c) => c < -1 || c >= classes) ?? -1;
    if (outOfRange >= 0) throw new SynthError(`class thresholds: the checkpoint gives unlabelled image ${outOfRange} class ${saved![outOfRange]}, outside -1…${classes - 1} (a damaged checkpoint); start the run again with --force`);
    this.sure = saved ? Int32Array.from(saved) : new Int32Array(images).fill(-1);
  }

  /** The bar of each class, from what the model was sure of before this step. */
  bars(): Float64Array {
    const counts = new Float64Array(this.classes);
    let unsure = 0;
    for (const c of this.sure) {
      if (c < 0) unsure++;
      else counts[c]!++;
    }
    const scale = Math.max(unsure, ...counts);
    return counts.map((n) => {
      const beta = n / scale;
      return (this.threshold * beta) / (2 - beta);
    });
  }

  /** Records the classes the model is sure of for the images at `indices`. */
  record(indices: readonly number[], predicted: Int32Array, confidence: Float32Array): void {
    indices.forEach((index, i) => {
      if (confidence[i]! >= this.threshold) this.sure[index] = predicted[i]!;
    });
  }
}
