import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixture, repoRoot, runCli, smallMnist, tempDir } from './helpers.js';

describe('synth CLI', () => {
  it('validate accepts the shipped scenes', async () => {
    const result = await runCli(['validate', `${repoRoot}/scenes/digits.yaml`]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ok — scene "digits", 10 classes/);
    for (const scene of ['objects.yaml', 'fashion/products.yaml']) {
      const other = await runCli(['validate', `${repoRoot}/scenes/${scene}`]);
      assert.equal(other.code, 0, other.stderr);
    }
  });

  it('render --export writes the labels when the render is done; a bad format, a depth export of a scene without depth, --export-out alone and an --export-out the export would refuse are refused before rendering', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'tiny');
    const bad = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export', 'coco,voc']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--export: unknown format "voc"/);
    const depth = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export', 'depth']);
    assert.equal(depth.code, 2);
    assert.match(depth.stderr, /--export depth: .*tiny\.yaml writes no depth images; set labels\.depth: true/);
    const alone = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export-out', path.join(dir, 'labels')]);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--export-out: .*give --export FORMATS too/);
    const notes = path.join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'todo.txt'), 'keep me');
    const occupied = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export', 'yolo', '--export-out', notes]);
    assert.equal(occupied.code, 2);
    assert.match(occupied.stderr, /--export-out .*notes: is not empty and not a synth export; choose another --export-out\n/);
    assert.equal(readFileSync(path.join(notes, 'todo.txt'), 'utf8'), 'keep me');
    assert.equal(existsSync(out), false, 'nothing rendered');
    const good = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export', 'coco,yolo']);
    assert.equal(good.code, 0, good.stderr);
    const coco = JSON.parse(readFileSync(path.join(`${out}-export`, 'annotations/coco.json'), 'utf8')) as { images: unknown[]; annotations: unknown[] };
    assert.equal(coco.images.length, 4);
    assert.equal(coco.annotations.length, 4);
    assert.ok(existsSync(path.join(`${out}-export`, 'data.yaml')));
    const again = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export', 'coco,yolo']);
    assert.equal(again.code, 0, `the export of this very render is replaced: ${again.stderr}`);
    const moved = path.join(dir, 'tiny-moved');
    cpSync(out, moved, { recursive: true });
    const ofCopy = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', moved, '--export', 'coco,yolo', '--export-out', `${out}-export`]);
    assert.equal(ofCopy.code, 0, `an export of the same dataset moved elsewhere is replaced too: ${ofCopy.stderr}`);
    const inside = await runCli(['render', fixture('scenes/tiny.yaml'), '--count', '4', '--out', out, '--export', 'coco', '--export-out', path.join(out, 'annotations', 'coco.json')]);
    assert.equal(inside.code, 0, `a COCO file under the dataset's annotations/ is allowed: ${inside.stderr}`);
    assert.ok(existsSync(path.join(out, 'annotations', 'coco.json')));
  });

  it('validate exits 2 and names a missing file', async () => {
    const result = await runCli(['validate', 'scenes/nope.yaml']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /scenes\/nope\.yaml: cannot read the scene config/);
  });

  it('schema prints a JSON Schema with the scene fields and their descriptions', async () => {
    const result = await runCli(['schema']);
    assert.equal(result.code, 0);
    const schema = JSON.parse(result.stdout) as { properties: Record<string, { description?: string }>; required: string[] };
    for (const key of ['name', 'classes', 'camera', 'lights', 'objects', 'output']) assert.ok(key in schema.properties, key);
    assert.deepEqual([...schema.required].sort(), ['classes', 'name', 'objects']);
    assert.match(schema.properties.classes!.description ?? '', /class label/);
  });

  it('an unknown command exits 2 with usage help', async () => {
    const result = await runCli(['rendr']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command/);
  });

  it('train --augment DIR=RECIPE augments one source; a folder that is not a --data source exits 2', async () => {
    const dir = tempDir();
    const a = await smallMnist(path.join(dir, 'a'), 10, 1);
    const b = await smallMnist(path.join(dir, 'b'), 10, 1);
    const recipe = path.join(repoRoot, 'recipes', 'reference.yaml');
    const run = path.join(dir, 'run');
    const good = await runCli(['train', '--data', `${a}:1`, '--data', `${b}:1`, '--augment', `${a}=${recipe}`, '--epochs', '1', '--val-split', '0', '--out', run]);
    assert.equal(good.code, 0, good.stderr);
    const config = JSON.parse(readFileSync(path.join(run, 'config.json'), 'utf8')) as { augment: unknown; data: { augment?: { file: string } }[] };
    assert.equal(config.augment, null);
    assert.deepEqual(config.data.map((d) => d.augment?.file ?? null), [recipe, null]);

    const refused = path.join(dir, 'refused');
    const bad = await runCli(['train', '--data', a, '--augment', `${path.join(dir, 'c')}=${recipe}`, '--out', refused]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /c is not one of the --data folders/);
    const twice = await runCli(['train', '--data', a, '--augment', recipe, '--augment', recipe, '--out', refused]);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /a recipe for every source is already given/);
    assert.equal(existsSync(refused), false, 'no run folder');
  });

  it('train names a weight that is not a number, and --freeze without --fine-tune, exiting 2 before any run folder', async () => {
    const dir = tempDir();
    const data = await smallMnist(path.join(dir, 'data'), 1, 0);
    const run = path.join(dir, 'run');
    for (const [weight, shown] of [['-1', '-1'], ['abc', 'abc'], ['', 'nothing']] as const) {
      const bad = await runCli(['train', '--data', `${data}:${weight}`, '--out', run]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, new RegExp(`the weight after ':' must be a number > 0, got ${shown}`));
    }
    const freeze = await runCli(['train', '--data', data, '--freeze', '2', '--out', run]);
    assert.equal(freeze.code, 2);
    assert.match(freeze.stderr, /--freeze: .*give --fine-tune RUN too/);
    const confidence = await runCli(['train', '--data', data, '--confidence', '0.9', '--out', run]);
    assert.equal(confidence.code, 2);
    assert.match(confidence.stderr, /--confidence: applies only with --unlabelled DIR/);
    const adaptive = await runCli(['train', '--data', data, '--adaptive-confidence', '--out', run]);
    assert.equal(adaptive.code, 2);
    assert.match(adaptive.stderr, /--adaptive-confidence: applies only with --unlabelled DIR/);
    const teacher = await runCli(['train', '--data', data, '--unlabelled', data, '--augment', path.join(repoRoot, 'recipes/reference.yaml'), '--teacher', 'best', '--out', run]);
    assert.equal(teacher.code, 2);
    assert.match(teacher.stderr, /--teacher: expected model or average, got best/);
    assert.equal(existsSync(run), false, 'no run folder');
  });

  it('gap exits 2 on a self-training option it cannot apply, and writes nothing', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'report');
    const base = ['gap', '--synthetic', path.join(dir, 'synthetic'), '--real', path.join(dir, 'real'), '--out', out];
    const alone = await runCli([...base, '--student-epochs', '4']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--student-epochs: applies only with --self-train/);
    const none = await runCli([...base, '--self-train', '--self-train-rounds', '0']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--self-train-rounds .*'0' is invalid\. expected a whole number >= 1/);
    const oneRound = await runCli([...base, '--self-train', '--warm-start-epochs', '3']);
    assert.equal(oneRound.code, 2);
    assert.match(oneRound.stderr, /--warm-start-epochs: applies from the second round .*--self-train-rounds 2 or more/);
    assert.equal(existsSync(out), false);
  });
});
