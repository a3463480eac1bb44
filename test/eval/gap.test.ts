import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { SynthError } from '../../src/errors.js';
import { GapReport, type GapRun } from '../../src/eval/gap-report.js';
import { measureGap } from '../../src/eval/gap.js';
import { launchBrowser } from '../../src/render/browser.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { type LabelledRecord, readManifest } from '../../src/dataset/index.js';
import { selectBackend } from '../../src/train/backend.js';
import { loadModel } from '../../src/train/model-files.js';
import { predictProbabilities } from '../../src/train/tensors.js';
import { loadLabelledImages, readSplit } from '../../src/train/training-data.js';
import type { LrSchedule } from '../../src/train/learning-rate.js';
import type { ModelName } from '../../src/train/train-model.js';
import { repoRoot, smallMnist, tempDir } from '../helpers.js';

describe('measureGap', () => {
  it('trains every run, writes a report that follows its schema, and a page whose plots all render', async () => {
    const root = tempDir();
    const real = await smallMnist(path.join(root, 'real'), 40, 20);
    const synthetic = path.join(root, 'synthetic');
    await renderDataset({ scene: path.join(repoRoot, 'scenes/digits.yaml'), out: synthetic, count: 150, seed: 3 });
    const out = path.join(root, 'report');
    const recipe = path.join(repoRoot, 'recipes/synthetic-digits.yaml');
    const realRecipe = path.join(repoRoot, 'recipes/reference.yaml');
    await selectBackend('auto');
    const tensors = tf.memory().numTensors;
    const report = await measureGap({ synthetic, real, out, fractions: [0.1, 1], epochs: 1, syntheticEpochs: 3, labelSmoothing: 0.1, lrSchedule: 'cosine', augment: recipe, augmentReal: realRecipe });
    assert.equal(tf.memory().numTensors, tensors, 'no tensor left behind by the runs, the domain classifier or the embeddings');

    const onDisk = GapReport.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')));
    assert.deepEqual(onDisk.runs.map((r) => r.name), report.runs.map((r) => r.name));
    assert.deepEqual(report.runs.map((r) => r.name), ['real-10pct', 'real-100pct', 'synthetic-only', 'mixed-10pct', 'fine-tune-10pct', 'mixed-100pct', 'fine-tune-100pct']);
    for (const run of report.runs) {
      assert.ok(existsSync(path.join(out, 'models', run.name, 'model', 'model.json')), run.name);
      assert.ok(run.accuracy >= 0 && run.accuracy <= 1);
      assert.equal(run.confusion.flat().reduce((a, b) => a + b, 0), 200, 'evaluated on the 200 real test images');
    }
    assert.equal(report.runs[0]!.realImages, 40);
    const epochsOf = (name: string) => report.runs.find((r) => r.name === name)!.epochs;
    assert.equal(onDisk.config.minSamples, 150, 'by default as many samples as --epochs (1) passes over the 150 synthetic images');
    assert.equal(epochsOf('synthetic-only'), 3, 'syntheticEpochs, more than minSamples asks of 150 images (1)');
    assert.equal(epochsOf('mixed-100pct'), 1, 'the other runs: epochs (1)…');
    assert.equal(epochsOf('real-10pct'), 4, '…or more, until they have seen minSamples (150 samples of 40 images)');
    assert.equal(epochsOf('fine-tune-10pct'), 4, 'a fine-tune too');
    assert.equal(onDisk.config.syntheticEpochs, 3);
    assert.equal(onDisk.config.augment?.file, recipe);
    assert.match(onDisk.config.augment?.hash ?? '', /^[0-9a-f]{64}$/);
    assert.equal(onDisk.config.augmentReal?.file, realRecipe);
    assert.equal(onDisk.config.ema, 0.995, 'the default weight average, recorded');
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /each model the moving average of its weights \(decay 0\.995\)/);
    assert.equal(JSON.parse(readFileSync(path.join(out, 'models', 'real-10pct', 'config.json'), 'utf8')).ema, 0.995, 'and passed to every run');
    assert.equal(onDisk.config.labelSmoothing, 0.1);
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /label smoothing 0\.1/);
    assert.deepEqual(report.runs.map((r) => JSON.parse(readFileSync(path.join(out, 'models', r.name, 'config.json'), 'utf8')).labelSmoothing),
      report.runs.map(() => 0.1), 'label smoothing, passed to every run');
    assert.equal(onDisk.config.lrSchedule, 'cosine');
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /the learning rate decayed to 0 along a cosine over each run/);
    assert.deepEqual(report.runs.map((r) => JSON.parse(readFileSync(path.join(out, 'models', r.name, 'config.json'), 'utf8')).lrSchedule),
      report.runs.map(() => 'cosine'), 'the schedule, passed to every run');
    // Each recipe reaches its own images, in every run that trains on them.
    const recipes = Object.fromEntries(report.runs.map((run) => {
      const config = JSON.parse(readFileSync(path.join(out, 'models', run.name, 'config.json'), 'utf8')) as { data: { augment?: { file: string } }[] };
      return [run.name, config.data.map((d) => path.basename(d.augment?.file ?? 'none'))];
    }));
    assert.deepEqual(recipes, {
      'real-10pct': ['reference.yaml'], 'real-100pct': ['reference.yaml'], 'synthetic-only': ['synthetic-digits.yaml'],
      'mixed-10pct': ['synthetic-digits.yaml', 'reference.yaml'], 'fine-tune-10pct': ['reference.yaml'],
      'mixed-100pct': ['synthetic-digits.yaml', 'reference.yaml'], 'fine-tune-100pct': ['reference.yaml'],
    });
    assert.equal(report.headline.gap, report.headline.realOnly - report.headline.syntheticOnly);
    assert.equal(report.headline.savings.length, 4);
    assert.ok(report.domainClassifier.accuracy >= 0 && report.domainClassifier.accuracy <= 1);
    assert.ok(Number.isFinite(report.kid.value));
    assert.ok(report.slices.some((s) => s.parameter === 'camera.elevation'));
    assert.equal(report.classSlices!.reduce((n, c) => n + c.images, 0), 150, 'every probed synthetic image, in its class');
    for (const c of report.classSlices!) {
      assert.equal(c.readAs.reduce((n, r) => n + r.count, 0), Math.round(c.images * (1 - c.recognised)), c.class);
      assert.ok(c.slices.length >= 1 && c.slices.length <= 5, c.class);
    }
    const classRows = readFileSync(path.join(out, 'index.html'), 'utf8').match(/<table id="class-slices">.*?<\/table>/s)?.[0] ?? '';
    assert.equal(classRows.match(/<tr><td>/g)?.length, report.classSlices!.length, 'a row per class on the page');
    assert.equal(report.samples.synthetic.length, 48);

    await assertPageRenders(path.join(out, 'index.html'));
  });

  it('trains every run with each seed and reports means and spreads', async () => {
    const { real, synthetic, out } = await smallGapInputs();
    const report = await measureGap({ synthetic, real, out, fractions: [1], epochs: 1, minSamples: 100, seed: 5, seeds: 2 });

    const names = ['real-100pct', 'synthetic-only', 'mixed-100pct', 'fine-tune-100pct'];
    assert.deepEqual(report.runs.map((r) => `${r.name} ${r.seed} ${r.model}`), [
      ...names.map((n) => `${n} 5 models/${n}`), ...names.map((n) => `${n} 6 models/${n}-seed6`),
    ]);
    for (const run of report.runs) assert.ok(existsSync(path.join(out, run.model!, 'model', 'model.json')), run.model!);
    const configOf = (run: string) => JSON.parse(readFileSync(path.join(out, 'models', run, 'config.json'), 'utf8')) as { seed: number; fineTune: { from: string } };
    assert.equal(configOf('mixed-100pct-seed6').seed, 6);
    assert.equal(configOf('fine-tune-100pct-seed6').fineTune.from, path.join(out, 'models', 'synthetic-only-seed6'), 'each seed fine-tunes its own base');

    assert.equal(report.config.seeds, 2);
    assert.deepEqual(report.summary!.map((s) => s.name), names);
    for (const s of report.summary!) {
      const [a, b] = report.runs.filter((r) => r.name === s.name).map((r) => r.accuracy);
      assert.equal(s.seeds, 2);
      assert.ok(Math.abs(s.accuracy - (a! + b!) / 2) < 1e-12, s.name);
      assert.ok(Math.abs(s.std - Math.abs(a! - b!) / Math.SQRT2) < 1e-12, `${s.name}: the sample standard deviation of two`);
      assert.deepEqual([s.min, s.max], [Math.min(a!, b!), Math.max(a!, b!)]);
    }
    assert.equal(report.headline.syntheticOnly, report.summary![1]!.accuracy);
    assert.equal(report.headline.syntheticOnlyStd, report.summary![1]!.std);
    assert.equal(report.headline.savings[1]!.accuracy, report.summary![3]!.accuracy, 'the fine-tune, a mean');
    assert.deepEqual(report.curves.realOnly, [{ realImages: 300, realFraction: 1, accuracy: report.summary![0]!.accuracy, std: report.summary![0]!.std }]);
    const recalls = report.runs.filter((r) => r.name === 'real-100pct').map((r) => r.perClass[3]!.recall);
    assert.ok(Math.abs(report.perClassGap[3]!.realOnly - (recalls[0]! + recalls[1]!) / 2) < 1e-12, 'per-class recall, a mean');
    assert.equal(GapReport.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))).summary!.length, 4);

    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(html, /Every run trained with 2 seeds \(5–6/);
    assert.match(html, /<th>run<\/th><th>seed<\/th>/);
    await assertPageRenders(path.join(out, 'index.html'));
  });

  it('self-trains: each seed\'s mixed and fine-tuned models pseudo-label the held-back real images for a student, whose own pseudo-labels teach the next round\'s', async () => {
    const { real, synthetic, out } = await smallGapInputs();
    const report = await measureGap({
      synthetic, real, out, fractions: [0.05, 0.1, 1], epochs: 1, minSamples: 90, seed: 5, seeds: 2, selfTrain: [0.1], pseudoLabelThreshold: 0.15, selfTrainRounds: 2,
    });

    assert.deepEqual(report.runs.filter((r) => r.seed === 5).map((r) => r.name), [
      'real-5pct', 'real-10pct', 'real-100pct', 'synthetic-only', 'mixed-5pct', 'fine-tune-5pct', 'mixed-10pct', 'fine-tune-10pct', 'mixed-100pct', 'fine-tune-100pct',
      'self-trained-10pct-round1', 'self-trained-10pct',
    ], 'two rounds of students at the fraction asked for, after their teachers');
    const { meta, records } = await readSplit(real, 'train');
    const trueLabel = new Map(records.map((r) => [r.id, r.label]));
    const labelledIds: number[][] = [];
    for (const run of report.runs.filter((r) => r.kind === 'self-trained' || r.kind === 'self-trained-round')) {
      assert.deepEqual([run.kind, run.round], run.name.endsWith('round1') ? ['self-trained-round', 1] : ['self-trained', 2]);
      assert.equal(run.epochs, 2, 'by default 2 × epochs (1), more than minSamples asks of the blend');
      const suffix = run.seed === 5 ? '' : `-seed${run.seed}`;
      const dir = path.join(out, 'pseudo-labels', `${run.name}${suffix}`);
      const p = run.pseudoLabels!;
      assert.equal(p.dataset, `pseudo-labels/${run.name}${suffix}`);
      const written = (await readManifest(dir)) as (LabelledRecord & { source: { id: number }; confidence: number | null })[];
      const labelled = written.filter((r) => r.confidence === null);
      assert.equal(labelled.length, 30, 'the run\'s 10%, with their own labels');
      assert.equal(labelled.length, run.realImages);
      for (const r of labelled) assert.equal(r.label, trueLabel.get(r.source.id));
      assert.deepEqual(new Set(labelled.map((r) => trueLabel.get(r.source.id))).size, 10, 'stratified: every class');
      labelledIds.push(labelled.map((r) => r.source.id).sort((a, b) => a - b));

      // The other 270 are labelled by the teachers alone: their averaged probabilities, kept at the threshold.
      const known = new Set(labelled.map((r) => r.source.id));
      const held = records.filter((r) => !known.has(r.id));
      assert.equal(p.unlabelled, 270);
      const images = await loadLabelledImages(real, meta, held);
      const average = new Float32Array(270 * 10);
      const teachers = run.round === 1 ? ['mixed-10pct', 'fine-tune-10pct'] : ['self-trained-10pct-round1'];
      for (const teacher of teachers.map((t) => `${t}${suffix}`)) {
        const model = await loadModel(path.join(out, 'models', teacher, 'model'));
        const probabilities = await predictProbabilities(model, images.images);
        model.dispose();
        probabilities.forEach((v, j) => { average[j]! += v / teachers.length; });
      }
      const expected = held.flatMap((r, i) => {
        const row = Array.from(average.subarray(i * 10, i * 10 + 10));
        const best = row.indexOf(Math.max(...row));
        return row[best]! >= 0.15 ? [`${r.id}:${best}`] : [];
      });
      const pseudo = written.filter((r) => r.confidence !== null);
      if (run.round === 1) assert.ok(expected.length > 0 && expected.length < 270, `the threshold keeps some, not all (${expected.length})`);
      else assert.ok(expected.length > 0, 'the round-1 student keeps some');
      assert.deepEqual(pseudo.map((r) => `${r.source.id}:${r.label}`), expected);
      assert.equal(p.images, expected.length);
      assert.equal(p.accuracy, pseudo.filter((r) => r.label === trueLabel.get(r.source.id)).length / pseudo.length);
      assert.ok(p.accuracy < 1, 'pseudo-labels, not the held-back labels');

      const config = JSON.parse(readFileSync(path.join(out, run.model!, 'config.json'), 'utf8')) as { data: { dir: string; weight: number }[] };
      assert.deepEqual(config.data.map((d) => [d.dir, d.weight]), [[synthetic, 1], [dir, 1]], 'the student: synthetic images blended with the real ones');
    }
    assert.deepEqual(labelledIds[0], labelledIds[1], 'both rounds of a seed keep the same labelled images');
    assert.notDeepEqual(labelledIds[0], labelledIds[2], 'each seed holds back its own subset');

    assert.equal(report.config.selfTrain, true);
    assert.equal(report.config.pseudoLabelThreshold, 0.15);
    assert.deepEqual([report.config.studentEpochs, report.config.selfTrainRounds], [2, 2]);
    assert.equal(report.runs.find((r) => r.name === 'mixed-10pct')!.epochs, 1, 'its teacher: 1 epoch of 30 real + 60 synthetic reaches minSamples');
    assert.equal(report.summary!.find((r) => r.name === 'self-trained-10pct-round1')!.kind, 'self-trained-round');
    assert.deepEqual(report.headline.savings.map((s) => `${s.method} ${s.realFraction}`),
      ['mixed 0.05', 'fine-tune 0.05', 'mixed 0.1', 'fine-tune 0.1', 'mixed 1', 'fine-tune 1', 'self-trained 0.1']);
    assert.deepEqual(report.curves.selfTrained.map((c) => c.realImages), [30]);
    GapReport.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')));
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(html, /self-trained-10pct-round1, seed 6 \(round 1\): kept \d+ of 270/);
    assert.match(html, /self-trained-10pct, seed 6 \(round 2\): kept \d+ of 270 unlabelled images \(probability ≥ 0\.15\)/);
    await assertPageRenders(path.join(out, 'index.html'));
  });

  it('warm-starts each later round\'s student from the one before, for --warm-start-epochs, at the students\' learning rate', async () => {
    const { real, synthetic, out } = await smallGapInputs();
    const report = await measureGap({
      synthetic, real, out, fractions: [0.1, 1], epochs: 1, minSamples: 90, seed: 5, selfTrain: [0.1], pseudoLabelThreshold: 0.15, selfTrainRounds: 2, warmStartEpochs: 3,
    });
    const students = report.runs.filter((r) => r.round !== null);
    assert.deepEqual(students.map((r) => [r.name, r.epochs]), [['self-trained-10pct-round1', 2], ['self-trained-10pct', 3]],
      'round 1 from scratch for 2 × epochs, round 2 for the warm-start epochs');
    const config = (run: GapRun) => JSON.parse(readFileSync(path.join(out, run.model!, 'config.json'), 'utf8')) as { fineTune: { from: string } | null; learningRate: number; lrSchedule: string };
    assert.equal(config(students[0]!).fineTune, null, 'round 1 starts from scratch');
    assert.deepEqual(config(students[1]!).fineTune, { from: path.join(out, students[0]!.model!), freeze: 0 });
    assert.equal(config(students[1]!).learningRate, 1e-3);
    assert.equal(config(report.runs.find((r) => r.kind === 'fine-tune')!).learningRate, 3e-4, 'a fine-tune of the renders\' model keeps its gentler rate');
    assert.equal(report.config.warmStartEpochs, 3);
    assert.equal(report.config.lrSchedule, 'constant', 'by default every run keeps its rate');
    assert.equal(config(students[1]!).lrSchedule, 'constant');
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /self-trained-10pct \(round 2, started from the previous round's student\)/);
  });

  it('adds a consistency-trained run: the mixed run\'s data and model, and every real training image without its label', async () => {
    const { real, synthetic, out } = await smallGapInputs();
    const recipe = path.join(repoRoot, 'recipes/synthetic-digits.yaml');
    const report = await measureGap({
      synthetic, real, out, fractions: [0.1, 1], epochs: 1, minSamples: 60, seed: 2, augment: recipe, consistency: true, confidence: 0.5, unlabelledRatio: 2,
      adaptiveConfidence: true,
    });
    const run = report.runs.find((r) => r.kind === 'consistency')!;
    assert.equal(run.name, 'consistency-10pct');
    assert.deepEqual([run.realImages, run.syntheticImages, run.epochs], [30, 60, 3], '10% of the 300 real, the renders, 3 × --epochs');
    assert.deepEqual({ ...run.unlabelled!, kept: undefined }, { images: 300, confidence: 0.5, adaptive: true, ratio: 2, kept: undefined });
    assert.ok(run.unlabelled!.kept >= 0 && run.unlabelled!.kept <= 1, `kept ${run.unlabelled!.kept}`);
    const config = (r: GapRun) => JSON.parse(readFileSync(path.join(out, r.model!, 'config.json'), 'utf8')) as {
      data: { dir: string; fraction: number; train: number }[]; fineTune: { from: string } | null;
      unlabelled: { dir: string; images: number; adaptive?: boolean; recipe: { file: string } };
    };
    const mixed = report.runs.find((r) => r.name === 'mixed-10pct')!;
    assert.deepEqual(config(run).data, config(mixed).data, 'the same labelled data as the mixed run');
    assert.equal(config(run).fineTune?.from, path.join(out, mixed.model!), 'starting from its model');
    assert.equal(config(run).unlabelled.adaptive, true);
    assert.deepEqual([config(run).unlabelled.dir, config(run).unlabelled.images, config(run).unlabelled.recipe.file], [path.resolve(real), 300, recipe],
      'the strong views take the only recipe given');
    assert.deepEqual(report.curves.consistency.map((c) => c.realImages), [30]);
    assert.ok(report.headline.savings.some((s) => s.method === 'consistency' && s.realFraction === 0.1));
    assert.deepEqual([report.config.consistency, report.config.consistencyEpochs], [true, 3]);
    assert.equal(GapReport.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))).runs.at(-1)!.unlabelled!.images, 300);
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /consistency-10pct: 300 unlabelled images, 2 per labelled one.*probability 0\.5 or their class's lower bar/);
  });

  it('resumes an interrupted report: the runs it finished are kept, the one it stopped in goes on from its checkpoint, and the figures are an uninterrupted report\'s', async () => {
    const { real, synthetic, out } = await smallGapInputs();
    const settings = { synthetic, real, fractions: [0.1, 1], epochs: 1, minSamples: 60 };
    const whole = await measureGap({ ...settings, out: `${out}-whole` });

    const controller = new AbortController();
    let step = '';
    await assert.rejects(measureGap({
      ...settings, out, signal: controller.signal,
      onStep: (s) => { step = s.name; },
      onEpoch: (epoch) => { if (step === 'fine-tune-10pct' && epoch === 1) controller.abort(); },
    }), (e: SynthError) => e.exitCode === 130 && /interrupted in the run fine-tune-10pct; .* continue the report with --resume/.test(e.message));
    assert.ok(existsSync(path.join(out, 'models', 'fine-tune-10pct', 'checkpoint', 'state.json')), 'the interrupted run checkpointed');
    assert.equal(existsSync(path.join(out, 'report.json')), false);
    const finished = readFileSync(path.join(out, 'models', 'mixed-10pct', 'metrics.jsonl'), 'utf8');

    await assert.rejects(measureGap({ ...settings, out }), /a report is already there; --resume to continue it, --force to replace it/);
    await assert.rejects(measureGap({ ...settings, out, minSamples: 90, resume: true }), /started with other settings, data or synth; it cannot be resumed \(--force to replace it\):\n {2}settings\.minSamples: 60, now 90$/);
    await assert.rejects(measureGap({ ...settings, synthetic: real, out, resume: true }), /\n {2}settings\.synthetic: .*\n {2}the synthetic dataset's images or labels$/);
    const resumed = await measureGap({ ...settings, out, resume: true });
    assert.equal(readFileSync(path.join(out, 'models', 'mixed-10pct', 'metrics.jsonl'), 'utf8'), finished, 'a finished run is kept, not trained again');
    const figures = (r: GapReport) => r.runs.map(({ seconds: _, ...run }) => run);
    assert.deepEqual(figures(resumed), figures(whole), 'every run as in the uninterrupted report');
    assert.deepEqual([resumed.domainClassifier, resumed.kid], [whole.domainClassifier, whole.kid]);
    assert.equal((await measureGap({ ...settings, out, resume: true })).createdAt, resumed.createdAt, 'a finished report is returned as it is');
    writeFileSync(path.join(out, 'report.json'), '{"format": "synth-gap-rep');
    assert.deepEqual(figures(await measureGap({ ...settings, out, resume: true })), figures(whole), 'a damaged one is made again from the runs');
  });

  it('refuses a synthetic-only run of no epochs, no seeds, a fractional sample count, smoothing away every label, or self-training options that cannot apply, before it touches anything', async () => {
    const root = tempDir();
    const out = path.join(root, 'report');
    const dirs = { synthetic: path.join(root, 'synthetic'), real: path.join(root, 'real'), out };
    await assert.rejects(measureGap({ ...dirs, syntheticEpochs: 0 }), /--synthetic-epochs: expected a whole number >= 1, got 0/);
    await assert.rejects(measureGap({ ...dirs, seeds: 0 }), /--seeds: expected a whole number >= 1, got 0/);
    await assert.rejects(measureGap({ ...dirs, minSamples: 0.5 }), /--min-samples: expected a whole number >= 1, got 0\.5/);
    await assert.rejects(measureGap({ ...dirs, labelSmoothing: 1 }), /--label-smoothing: expected a share in \[0, 1\) \(0: none\), got 1/);
    await assert.rejects(measureGap({ ...dirs, lrSchedule: 'step' as LrSchedule }), /--lr-schedule: expected one of constant, cosine, got step/);
    await assert.rejects(measureGap({ ...dirs, model: 'resnet-50' as ModelName }), /--model: expected one of reference, small-resnet, got resnet-50/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: true, pseudoLabelThreshold: 1.5 }), /--pseudo-label-threshold: expected a probability in \[0, 1\], got 1\.5/);
    await assert.rejects(measureGap({ ...dirs, pseudoLabelThreshold: 0.9 }), /--pseudo-label-threshold: applies only with --self-train/);
    await assert.rejects(measureGap({ ...dirs, studentEpochs: 10 }), /--student-epochs: applies only with --self-train/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: true, studentEpochs: 0 }), /--student-epochs: expected a whole number >= 1, got 0/);
    await assert.rejects(measureGap({ ...dirs, selfTrainRounds: 2 }), /--self-train-rounds: applies only with --self-train/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: true, selfTrainRounds: 1.5 }), /--self-train-rounds: expected a whole number >= 1, got 1\.5/);
    await assert.rejects(measureGap({ ...dirs, warmStartEpochs: 3 }), /--warm-start-epochs: applies only with --self-train/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: true, warmStartEpochs: 3 }), /--warm-start-epochs: applies from the second round .*--self-train-rounds 2 or more/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: true, selfTrainRounds: 2, warmStartEpochs: 0 }), /--warm-start-epochs: expected a whole number >= 1, got 0/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: true, fractions: [1] }), /--self-train: needs a real fraction below 1 in --real-fractions .*got 1$/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: [0.5], fractions: [0.1, 1] }), /--self-train: 0\.5 is not one of the --real-fractions below 1 \(0\.1\)/);
    await assert.rejects(measureGap({ ...dirs, selfTrain: [1], fractions: [0.1, 1] }), /--self-train: 1 is not one of the --real-fractions below 1/);
    await assert.rejects(measureGap({ ...dirs, confidence: 0.9 }), /--confidence: applies only with --consistency/);
    await assert.rejects(measureGap({ ...dirs, adaptiveConfidence: true }), /--adaptive-confidence: applies only with --consistency/);
    await assert.rejects(measureGap({ ...dirs, consistency: true, augment: 'x.yaml', consistencyEpochs: 0 }), /--consistency-epochs: expected a whole number >= 1, got 0/);
    await assert.rejects(measureGap({ ...dirs, consistency: true }), /--consistency: needs a recipe for the strong views .*--augment-real/);
    await assert.rejects(measureGap({ ...dirs, consistency: [0.5], fractions: [0.1, 1] }), /--consistency: 0\.5 is not one of the --real-fractions below 1 \(0\.1\)/);
    await assert.rejects(measureGap({ ...dirs, consistency: true, augment: 'x.yaml', unlabelledRatio: 0 }), /--unlabelled-ratio: expected a number > 0, got 0/);
    assert.equal(existsSync(out), false);
  });

  it('never replaces its data or a folder that is not a report, even with force', async () => {
    const root = tempDir();
    const real = await smallMnist(path.join(root, 'real'), 2, 1);
    const dirs = { synthetic: real, real };
    await assert.rejects(measureGap({ ...dirs, out: root, force: true }), /--out .*: is or holds .*real, which this command reads/);
    const notes = path.join(root, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'thesis.txt'), 'months of work');
    await assert.rejects(measureGap({ ...dirs, out: notes, force: true, resume: true }), /notes: holds files but no gap report/);
    assert.ok(existsSync(path.join(notes, 'thesis.txt')) && existsSync(path.join(root, 'real', 'dataset.json')));
    const older = path.join(root, 'older');
    mkdirSync(path.join(older, 'models'), { recursive: true });
    await assert.rejects(measureGap({ ...dirs, out: older, resume: true }), /older: the report there has no gap-plan\.json \(written by an older synth\), so it cannot be resumed; --force to replace it/);
    writeFileSync(path.join(older, 'gap-plan.json'), '{"format": "synth-gap-plan"');
    await assert.rejects(measureGap({ ...dirs, out: older, resume: true }), /older: the report there has a damaged gap-plan\.json, so it cannot be resumed; --force to replace it/);
    assert.ok(existsSync(path.join(older, 'models')));
  });
});

/** 300 real training and 100 test digits, 60 renders, and where the report goes. */
async function smallGapInputs(): Promise<{ real: string; synthetic: string; out: string }> {
  const root = tempDir();
  const real = await smallMnist(path.join(root, 'real'), 30, 10);
  const synthetic = path.join(root, 'synthetic');
  await renderDataset({ scene: path.join(repoRoot, 'scenes/digits.yaml'), out: synthetic, count: 60, seed: 4 });
  await selectBackend('auto');
  return { real, synthetic, out: path.join(root, 'report') };
}

/** Opens a report page in Chromium: every plot drawn, nothing logged, nothing fetched from the network. */
async function assertPageRenders(file: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const canvases = await page.$$eval('canvas', (all) => all.map((c) => c.getAttribute('data-rendered')));
    assert.ok(canvases.length >= 3, `${canvases.length} plots`);
    assert.deepEqual(canvases, canvases.map(() => 'true'), 'every plot rendered');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), [], 'the page loads nothing from the network');
  } finally {
    await browser.close();
  }
}
