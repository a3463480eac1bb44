import path from 'node:path';
import { DatasetBuilder, type DatasetCache, type DatasetMeta, type LabelledRecord } from '../dataset/index.js';
import { loadModel } from '../train/model-files.js';
import { predictProbabilities } from '../train/tensors.js';
import { loadLabelledImages } from '../train/training-data.js';
import { argmaxRows } from './classification-metrics.js';

export interface PseudoLabelOptions {
  /** Model folders (RUN/model) whose averaged probabilities label the images. */
  teachers: string[];
  /** The real dataset and its training records. */
  real: { dir: string; meta: DatasetMeta; records: LabelledRecord[] };
  /** The records whose labels the student may use: written with them; every other record is labelled as if it had none. */
  labelled: LabelledRecord[];
  /** Keep an image only when its averaged top probability reaches this. */
  threshold: number;
  /** The dataset folder to write (replaced if there). */
  out: string;
  /** Images the job has decoded before. */
  cache?: DatasetCache | undefined;
}

export interface PseudoLabelSummary {
  /** Images written with their own labels. */
  labelled: number;
  /** Images offered to the teachers. */
  unlabelled: number;
  /** Of those, the images kept (confident enough), each in the dataset at `out` under its predicted class. */
  images: number;
  /** Share of the kept images whose pseudo-label is their true label. */
  accuracy: number;
}

/**
 * Self-training's first half: teachers label the real training images whose labels are held back,
 * and the confident ones join the labelled images in a dataset folder a student trains on. The
 * held-back labels are read only to report how right the pseudo-labels are.
 */
export async function writePseudoLabels(options: PseudoLabelOptions): Promise<PseudoLabelSummary> {
  const { dir, meta } = options.real;
  const known = new Set(options.labelled.map((r) => r.id));
  const records = options.real.records.filter((r) => !known.has(r.id));
  const data = await loadLabelledImages(dir, meta, records, options.cache);
  const k = meta.classes.length;
  const probabilities = new Float32Array(records.length * k);
  for (const teacher of options.teachers) {
    const model = await loadModel(teacher);
    try {
      const p = await predictProbabilities(model, data.images);
      for (let j = 0; j < p.length; j++) probabilities[j] = probabilities[j]! + p[j]! / options.teachers.length;
    } finally {
      model.dispose();
    }
  }

  const { width, height, channels } = data.images;
  const size = width * height * channels;
  const builder = await DatasetBuilder.create({
    out: options.out, kind: 'real', name: `${meta.name}-pseudo-labelled`, classes: meta.classes, image: meta.image, force: true,
    lineage: [...meta.lineage, { kind: 'pseudo-labels', source: path.resolve(dir), teachers: options.teachers.map((t) => path.resolve(t)), threshold: options.threshold }],
  });
  const labelled = await loadLabelledImages(dir, meta, options.labelled, options.cache);
  for (let i = 0; i < options.labelled.length; i++) {
    await builder.add({
      pixels: Buffer.from(labelled.images.pixels.subarray(i * size, (i + 1) * size)), label: labelled.labels[i]!, split: 'train',
      extra: { source: { id: options.labelled[i]!.id }, confidence: null },
    });
  }
  const predicted = argmaxRows(probabilities, k);
  let right = 0;
  for (let i = 0; i < records.length; i++) {
    const best = predicted[i]!;
    const confidence = probabilities[i * k + best]!;
    if (confidence < options.threshold) continue;
    if (best === data.labels[i]) right++;
    await builder.add({
      pixels: Buffer.from(data.images.pixels.subarray(i * size, (i + 1) * size)), label: best, split: 'train',
      extra: { source: { id: records[i]!.id }, confidence: Number(confidence.toFixed(4)) },
    });
  }
  await builder.commit();
  const kept = builder.count - options.labelled.length;
  return { labelled: options.labelled.length, unlabelled: records.length, images: kept, accuracy: kept === 0 ? 0 : right / kept };
}
