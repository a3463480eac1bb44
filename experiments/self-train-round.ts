/**
 * Self-training screen with synth gap's own pseudo-labelling: teacher runs label the real training
 * images outside the labelled fraction gap's student at this seed keeps, and the labelled ones keep
 * their true labels. Train a student on OUT beside the renders to get a next round.
 *
 *   node dist/experiments/self-train-round.js TEACHER_RUN[,RUN…] REAL_DATA FRACTION OUT [--seed 0] [--threshold 0.5]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writePseudoLabels } from '../src/eval/pseudo-labels.js';
import { readSplit, selectBackend } from '../src/train/index.js';
import { dataRng, sourceSubset } from '../src/train/training-data.js';

const { positionals: [teacherRuns, data, fraction, out], values } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string', default: '0' }, threshold: { type: 'string', default: '0.5' } },
});
if (!teacherRuns || !data || !fraction || !out) throw new Error('usage: self-train-round.js TEACHER_RUN[,RUN…] REAL_DATA FRACTION OUT [--seed 0] [--threshold 0.5]');

await selectBackend('auto');
const { meta, records } = await readSplit(data, 'train');
const labelled = sourceSubset(records, Number(fraction), dataRng(Number(values.seed)));
const summary = await writePseudoLabels({
  teachers: teacherRuns.split(',').map((run) => path.join(run, 'model')),
  real: { dir: data, meta, records }, labelled, threshold: Number(values.threshold), out,
});
console.log(`${out}: ${JSON.stringify(summary)}`);
