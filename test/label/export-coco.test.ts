import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { exportDataset } from '../../src/label/export/export-dataset.js';
import { instanceStats } from '../../src/label/instance-stats.js';
import { type CompressedRle, type Rle, decodeRle } from '../../src/label/rle.js';
import { tempDir } from '../helpers.js';
import { type FixtureDataset, exportStandard } from './label-dataset.js';

interface Coco {
  info: { synth: { image_root: string; dataset: { name: string }; segmentation: string } };
  categories: { id: number; name: string }[];
  images: { id: number; file_name: string; width: number; height: number; split: string; synth_id: number }[];
  annotations: {
    id: number; image_id: number; category_id: number; bbox: number[]; area: number; iscrowd: number;
    segmentation?: Rle | CompressedRle; synth_object: number; visibility?: number; amodal_bbox?: number[] | null; truncated?: boolean;
  }[];
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Coco;

const root = tempDir();

describe('COCO export', () => {
  let data: FixtureDataset;
  let out: string;
  let coco: Coco;
  before(async () => {
    ({ data, out } = await exportStandard(root, 'coco'));
    coco = readJson(path.join(out, 'annotations', 'coco.json'));
  });

  it('numbers images, categories and annotations with integers from 1', () => {
    assert.deepEqual(coco.categories.map((c) => [c.id, c.name]), [[1, 'a'], [2, 'b'], [3, 'c']]);
    for (const a of coco.annotations) for (const v of [a.id, a.image_id, a.category_id]) assert.ok(Number.isInteger(v) && v >= 1, `${v}`);
    assert.deepEqual(coco.annotations.map((a) => a.id), coco.annotations.map((_, i) => i + 1));
    for (const image of coco.images) assert.equal(image.id, image.synth_id + 1);
  });

  it('lists every record with objects (an empty list too) and leaves out the classification record', () => {
    assert.deepEqual(coco.images.map((i) => i.synth_id), [0, 1, 2, 3, 5, 6]);
    assert.deepEqual(coco.annotations.filter((a) => a.image_id === 3), [], 'the image with no objects has no annotations');
    for (const image of coco.images) {
      assert.deepEqual([image.width, image.height], [16, 12]);
      assert.equal(image.split, data.records[image.synth_id]!.split);
      assert.ok(existsSync(path.join(out, 'annotations', coco.info.synth.image_root, image.file_name)), image.file_name);
    }
  });

  it('gives each masked annotation its mask: RLE decodes to it, bbox is its extent, area its pixel count', () => {
    const masked = coco.annotations.filter((a) => a.segmentation);
    assert.equal(masked.length, 8);
    for (const a of masked) {
      const record = data.records[a.image_id - 1]! as { objects: { instance?: number }[] };
      const value = record.objects[a.synth_object]!.instance ?? a.synth_object + 1;
      const expected = data.masks[a.image_id - 1]!.map((v) => (v === value ? 1 : 0));
      const seg = a.segmentation!;
      assert.equal(typeof seg.counts, 'string', 'compressed by default');
      assert.deepEqual(seg.size, [12, 16]);
      const decoded = decodeRle(seg);
      assert.deepEqual(decoded, expected, `annotation ${a.id}`);
      const stats = instanceStats(decoded, 16, 12, 1).instances[0]!;
      assert.deepEqual(a.bbox, stats.box, `annotation ${a.id} bbox`);
      assert.equal(a.area, stats.pixels, `annotation ${a.id} area`);
    }
  });

  it('maps objects to mask values through instance after a filter dropped one', () => {
    const inDropped = coco.annotations.filter((a) => a.image_id === 7);
    assert.deepEqual(inDropped.map((a) => [a.category_id, a.synth_object]), [[2, 0], [3, 1]]);
    assert.deepEqual(inDropped[0]!.bbox, [4, 2, 6, 6]);
  });

  it('leaves out invisible objects, writes flagged ones as crowd regions, keeps synth extras', () => {
    const val = coco.annotations.filter((a) => a.image_id === 2);
    assert.deepEqual(val.map((a) => a.category_id), [1], 'the hidden b is not written');
    const flagged = coco.annotations.filter((a) => a.image_id === 6);
    assert.deepEqual(flagged.map((a) => a.iscrowd), [1, 0]);
    const c = coco.annotations.find((a) => a.image_id === 1 && a.category_id === 3)!;
    assert.equal(c.truncated, true);
    assert.deepEqual(c.amodal_bbox, [12, 8, 4, 4]);
    assert.equal(c.visibility, 16 / 48);
    assert.equal(coco.annotations.filter((a) => a.iscrowd === 1).length, 1);
  });

  it('writes an older record without a mask as a box: no segmentation, area = box area', () => {
    const [legacy] = coco.annotations.filter((a) => a.image_id === 4);
    assert.equal(legacy!.segmentation, undefined);
    assert.deepEqual(legacy!.bbox, [4, 4, 5, 3]);
    assert.equal(legacy!.area, 15);
    assert.equal(coco.info.synth.segmentation, 'some');
    assert.equal(readJson(path.join(out, 'annotations', 'coco_val.json')).info.synth.segmentation, 'all');
  });

  it('writes a file per split beside the whole, with the same ids', () => {
    for (const split of ['train', 'val', 'test']) {
      const part = readJson(path.join(out, 'annotations', `coco_${split}.json`));
      assert.deepEqual(part.images, coco.images.filter((i) => i.split === split));
      const ids = new Set(part.images.map((i) => i.id));
      assert.deepEqual(part.annotations, coco.annotations.filter((a) => ids.has(a.image_id)));
    }
  });

  it('hard-links the images on one file system', () => {
    const image = coco.images[0]!.file_name;
    assert.equal(statSync(path.join(out, image)).ino, statSync(path.join(data.dir, image)).ino);
  });

  it('writes uncompressed counts on request, and a single file into the dataset annotations/', async () => {
    const file = path.join(data.dir, 'annotations', 'coco.json');
    const summary = await exportDataset({ dataset: data.dir, format: ['coco'], out: file, rle: 'uncompressed' });
    assert.deepEqual(summary.formats[0]!.files, [file]);
    const single = readJson(file);
    assert.equal(single.info.synth.image_root, '..');
    const a = single.annotations.find((x) => x.segmentation)!;
    assert.ok(Array.isArray(a.segmentation!.counts));
    assert.deepEqual(decodeRle(a.segmentation!), decodeRle(coco.annotations.find((x) => x.id === a.id)!.segmentation!));
    assert.ok(!existsSync(path.join(data.dir, 'annotations', 'coco_train.json')));
  });
});
