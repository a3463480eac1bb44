import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import YAML from 'yaml';
import { exportDataset } from '../../src/label/export/export-dataset.js';
import { yoloLabelFile } from '../../src/label/export/yolo.js';
import { tempDir } from '../helpers.js';
import { type FixtureDataset, exportStandard } from './label-dataset.js';

const root = tempDir();

interface CocoAnnotation { image_id: number; category_id: number; bbox: number[]; iscrowd: number }

describe('YOLO export', () => {
  let data: FixtureDataset;
  let out: string;
  before(async () => {
    ({ data, out } = await exportStandard(root, 'yolo,coco'));
  });

  it('puts each label file where Ultralytics looks: images/ swapped for labels/, .txt', () => {
    assert.equal(yoloLabelFile('images/012/012345.png'), 'labels/012/012345.txt');
  });

  it('writes one normalised line per non-ignored object, matching the COCO boxes', () => {
    const coco = JSON.parse(readFileSync(path.join(out, 'annotations', 'coco.json'), 'utf8')) as { annotations: CocoAnnotation[] };
    for (const record of data.records.filter((r) => r.objects !== undefined)) {
      const file = path.join(out, yoloLabelFile(record.file as string));
      const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
      const expected = coco.annotations.filter((a) => a.image_id === (record.id as number) + 1 && a.iscrowd === 0);
      assert.equal(lines.length, expected.length, file);
      lines.forEach((line, i) => {
        const [cls, cx, cy, w, h] = line.split(' ').map(Number) as [number, number, number, number, number];
        assert.match(line, /^\d+( \d\.\d{6}){4}$/);
        const [bx, by, bw, bh] = expected[i]!.bbox as [number, number, number, number];
        assert.equal(cls, expected[i]!.category_id - 1);
        for (const [got, want] of [[cx * 16, bx + bw / 2], [cy * 12, by + bh / 2], [w * 16, bw], [h * 12, bh]] as const) {
          assert.ok(Math.abs(got - want) < 1e-4, `${line}: ${got} vs ${want}`);
        }
      });
    }
    assert.equal(readFileSync(path.join(out, 'labels/000/000002.txt'), 'utf8'), '', 'an image with no objects is a background image');
    assert.equal(readFileSync(path.join(out, 'labels/000/000005.txt'), 'utf8').split('\n').filter(Boolean).length, 1, 'the flagged object is left out');
    assert.ok(!existsSync(path.join(out, 'labels/000/000004.txt')), 'the classification record is left out');
  });

  it('lists each split\'s images relative to the lists, and data.yaml names them and the classes', () => {
    const yaml = YAML.parse(readFileSync(path.join(out, 'data.yaml'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(yaml, { path: out, train: 'train.txt', val: 'val.txt', test: 'test.txt', names: { 0: 'a', 1: 'b', 2: 'c' } });
    const list = (split: string) => readFileSync(path.join(out, `${split}.txt`), 'utf8').split('\n').filter(Boolean);
    assert.deepEqual(list('train'), ['./images/000/000000.png', './images/000/000003.png', './images/000/000005.png']);
    assert.deepEqual(list('val'), ['./images/000/000001.png', './images/000/000006.png']);
    assert.deepEqual(list('test'), ['./images/000/000002.png']);
    for (const split of ['train', 'val', 'test']) {
      for (const image of list(split)) assert.ok(statSync(path.join(out, image)).isFile(), image);
    }
  });

  it('points val at the training images when the dataset has no val split, and says so', async () => {
    const { writeLabelDataset } = await import('./label-dataset.js');
    const only = await writeLabelDataset(path.join(root, 'train-only'), [{ rects: [{ class: 'a', x0: 1, y0: 1, x1: 4, y1: 4 }] }]);
    const target = path.join(root, 'train-only-export');
    await exportDataset({ dataset: only.dir, format: 'yolo', out: target });
    const text = readFileSync(path.join(target, 'data.yaml'), 'utf8');
    const yaml = YAML.parse(text) as Record<string, unknown>;
    assert.equal(yaml.train, 'train.txt');
    assert.equal(yaml.val, 'train.txt');
    assert.equal(yaml.test, undefined);
    assert.match(text, /# The dataset has no val split: val lists the training images/);
  });
});
