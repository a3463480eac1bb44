export interface ClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** True instances of the class. */
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  count: number;
  perClass: ClassMetrics[];
  /** confusion[true][predicted] counts. */
  confusion: number[][];
}

/** Accuracy, per-class precision/recall/F1 and the confusion matrix. Undefined ratios (0/0) are 0. */
export function classificationMetrics(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: string[]): ClassificationMetrics {
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]!]![predictions[i]!]!++;
    if (labels[i] === predictions[i]) correct++;
  }
  const perClass = classes.map((name, c) => {
    const tp = confusion[c]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[c]!, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { class: name, precision, recall, f1, support };
  });
  return { accuracy: labels.length === 0 ? 0 : correct / labels.length, count: labels.length, perClass, confusion };
}

/** The most probable class of each row of a (count × classes) probability matrix. */
export function argmaxRows(probabilities: Float32Array, classes: number): Int32Array {
  const count = probabilities.length / classes;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[i * classes + c]! > probabilities[i * classes + best]!) best = c;
    out[i] = best;
  }
  return out;
}
