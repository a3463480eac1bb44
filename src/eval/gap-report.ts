import { z } from 'zod';
import { LR_SCHEDULES } from '../train/learning-rate.js';

/**
 * The schema of REPORT/report.json, exported so users can script against it. Accuracies are
 * fractions in [0, 1], always measured on the real dataset's test split.
 */

// self-trained-round: a student of a round before the last, the next round's teacher (synth gap --self-train-rounds).
const RunKind = z.enum(['real-only', 'synthetic-only', 'mixed', 'fine-tune', 'self-trained', 'self-trained-round', 'consistency']);

const ClassMetrics = z.object({ class: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.int() });

export const GapRun = z.object({
  name: z.string().describe('the run: real-10pct, synthetic-only, mixed-1pct, fine-tune-1pct, …'),
  seed: z.int().nullable().default(null).describe('its seed (null: a report from before --seeds, when every run had config.seed)'),
  model: z.string().nullable().default(null)
    .describe('folder of its model in the report: models/NAME for the first seed, models/NAME-seedS for the others (null: a report from before --seeds, models/NAME)'),
  kind: RunKind,
  realFraction: z.number().describe('fraction of the real training split used (0 for synthetic-only)'),
  realImages: z.int(),
  syntheticImages: z.int(),
  epochs: z.int(),
  seconds: z.number().describe('training time: the sum of its epochs\' times, over every session of a resumed report'),
  accuracy: z.number(),
  perClass: z.array(ClassMetrics),
  confusion: z.array(z.array(z.int())).describe('confusion[true][predicted]'),
  pseudoLabels: z.object({
    dataset: z.string().describe('folder of the student\'s real training data in the report: the labelled images and the kept pseudo-labelled ones'),
    threshold: z.number(),
    labelled: z.int().describe('real images used with their labels (realImages)'),
    unlabelled: z.int().describe('the other real training images, labelled by the teachers with their own labels held back'),
    images: z.int().describe('of those, the ones whose pseudo-label reached the threshold and were kept'),
    accuracy: z.number().describe('share of the kept pseudo-labels that match the held-back labels'),
  }).nullable().default(null).describe('a self-trained run\'s pseudo-labels (null for the other kinds)'),
  unlabelled: z.object({
    images: z.int().describe('real training images learnt from without their labels (the whole training split)'),
    confidence: z.number().describe('the probability a pseudo-label had to reach to count (with adaptive, the best-learnt class\'s bar)'),
    adaptive: z.boolean().default(false).describe('class-adaptive bars (FlexMatch): lower for the classes the model was sure of for fewer images'),
    ratio: z.number().describe('unlabelled images per labelled one in a batch'),
    kept: z.number().describe('share of the unlabelled images whose pseudo-label counted, in the last epoch'),
  }).nullable().default(null).describe('a consistency-trained run\'s unlabelled images (null for the other kinds)'),
  round: z.int().nullable().default(null).describe('a student\'s round of self-training: 1 taught by the mixed and fine-tuned models, n + 1 by round n\'s student (null for the other kinds)'),
});
export type GapRun = z.output<typeof GapRun>;

const CurvePoint = z.object({
  realImages: z.int(), realFraction: z.number(), accuracy: z.number().describe('mean over the seeds'),
  std: z.number().default(0).describe('standard deviation over the seeds (0 with one)'),
});

/** One run trained with every seed: what the headline and curves are made of. */
const RunSummary = z.object({
  name: z.string(),
  kind: RunKind,
  realFraction: z.number(),
  realImages: z.int(),
  seeds: z.int(),
  accuracy: z.number().describe('mean over the seeds'),
  std: z.number().describe('sample standard deviation over the seeds (0 with one)'),
  min: z.number(),
  max: z.number(),
});
export type RunSummary = z.output<typeof RunSummary>;

const Slice = z.object({
  parameter: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  spread: z.number(),
  pValue: z.number().describe('chi-square test that accuracy is the same in every bin'),
  significant: z.boolean().describe('pValue below 0.05 / the number of slices (Bonferroni); significant slices come first'),
  bins: z.array(z.object({ label: z.string(), count: z.int(), accuracy: z.number() })),
});

export const GapReport = z.object({
  format: z.literal('synth-gap-report'),
  version: z.literal(1),
  createdAt: z.string(),
  synthetic: z.object({ dir: z.string(), name: z.string(), images: z.int(), sceneHash: z.string().nullable(), seed: z.int().nullable() }),
  real: z.object({ dir: z.string(), name: z.string(), trainImages: z.int(), testImages: z.int() }),
  classes: z.array(z.string()),
  config: z.object({
    model: z.string(), epochs: z.int(),
    syntheticEpochs: z.int().nullable().default(null).describe('epochs of the synthetic-only run, the fine-tunes\' base (null: a report from before it existed, when it was `epochs`)'),
    fractions: z.array(z.number()), seed: z.int(), backend: z.string(),
    minSamples: z.int().describe('every run trained until it had seen at least this many samples (smaller runs more epochs, at most 200)'),
    seeds: z.int().default(1).describe('every run was trained with seeds seed, seed + 1, …; the headline and curves are means over them'),
    ema: z.number().nullable().default(null).describe('decay per batch of the weight average each run kept as its model (0: none; null: a report from before it existed)'),
    labelSmoothing: z.number().nullable().default(null).describe('share of each training target every run spread over all classes (0: none; null: a report from before it existed)'),
    lrSchedule: z.enum(LR_SCHEDULES).default('constant').describe('every run\'s learning-rate schedule: constant, or cosine (decayed to 0 over the run)'),
    selfTrain: z.boolean().default(false).describe('whether self-trained runs were added (synth gap --self-train)'),
    pseudoLabelThreshold: z.number().nullable().default(null).describe('their pseudo-label threshold (null without them)'),
    selfTrainRounds: z.int().nullable().default(null).describe('rounds of self-training; the self-trained runs are the last round\'s students (null without them)'),
    studentEpochs: z.int().nullable().default(null).describe('the fewest epochs each student trained (null without them, or from before it existed, when it was `epochs`)'),
    consistency: z.boolean().default(false).describe('whether consistency-trained runs were added (synth gap --consistency)'),
    consistencyEpochs: z.int().nullable().default(null).describe('the fewest epochs each of them trained (null without them)'),
    warmStartEpochs: z.int().nullable().default(null).describe('the fewest epochs of each student from the second round on, which started from the previous round\'s student (null: they trained from scratch for studentEpochs)'),
    augment: z.object({ file: z.string(), hash: z.string() }).nullable().default(null)
      .describe('the recipe the runs on synthetic images augmented those images with on the fly (null: none)'),
    augmentReal: z.object({ file: z.string(), hash: z.string() }).nullable().default(null)
      .describe('the recipe every run on real training images augmented those images with on the fly (null: none)'),
  }),
  headline: z.object({
    realOnly: z.number().describe('accuracy trained on the real training images at the largest of the real fractions, all of them by default (mean over the seeds, as every accuracy of the headline)'),
    realOnlyStd: z.number().default(0).describe('its standard deviation over the seeds'),
    syntheticOnly: z.number().describe('accuracy trained on synthetic images only'),
    syntheticOnlyStd: z.number().default(0),
    gap: z.number().describe('realOnly - syntheticOnly'),
    savings: z.array(z.object({
      realFraction: z.number(),
      method: z.enum(['mixed', 'fine-tune', 'self-trained', 'consistency']),
      accuracy: z.number(),
      std: z.number().default(0),
      equivalentRealFraction: z.number().nullable().describe('fraction of real data that, alone, reaches the same accuracy (null: more than all of it)'),
    })).describe('how much real data the synthetic data is worth at each fraction'),
  }),
  runs: z.array(GapRun).describe('every run of every seed'),
  summary: z.array(RunSummary).nullable().default(null).describe('each run over its seeds (null: a report from before --seeds)'),
  curves: z.object({
    realOnly: z.array(CurvePoint), mixed: z.array(CurvePoint), fineTune: z.array(CurvePoint),
    selfTrained: z.array(CurvePoint).default([]).describe('x: the labelled real images; the student also saw the rest of the real training images, pseudo-labelled'),
    consistency: z.array(CurvePoint).default([]).describe('x: the labelled real images; the run also learnt from all the real training images without their labels'),
  }),
  perClassGap: z.array(z.object({ class: z.string(), realOnly: z.number(), syntheticOnly: z.number(), gap: z.number() })).describe('recall per class (mean over the seeds)'),
  domainClassifier: z.object({
    accuracy: z.number().describe('held-out accuracy of a classifier telling synthetic from real; 0.5 = indistinguishable'),
    trainImages: z.int(),
    testImages: z.int(),
  }),
  kid: z.object({ value: z.number(), images: z.int(), embedding: z.string() })
    .describe('kernel distance between synthetic and real embeddings of the real-trained model (of the first seed, as the domain classifier and the slices)'),
  slices: z.array(Slice).describe('accuracy of the real-trained model on synthetic images, sliced by each sampled scene parameter'),
  classSlices: z.array(z.object({
    class: z.string(),
    images: z.int().describe('synthetic images of this class in the probe'),
    recognised: z.number().describe('share the real-trained model gives their own class'),
    readAs: z.array(z.object({ class: z.string(), count: z.int() })).describe('the other classes it gives them, most often first'),
    slices: z.array(Slice).describe('the most telling slices of this class\'s images alone'),
  })).nullable().default(null)
    .describe('the slices class by class: over all classes, a parameter only one class has mostly measures that class (null: a report from before them)'),
  samples: z.object({
    synthetic: z.array(z.object({ id: z.int(), label: z.int(), png: z.string() })),
    real: z.array(z.object({ id: z.int(), label: z.int(), png: z.string() })),
    misclassified: z.array(z.object({ id: z.int(), label: z.int(), predicted: z.int(), png: z.string() }))
      .describe('real test images the synthetic-only model gets wrong'),
  }).describe('images as base64 PNG, for the HTML page'),
});
export type GapReport = z.output<typeof GapReport>;
