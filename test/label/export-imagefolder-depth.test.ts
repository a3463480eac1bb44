import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { tempDir } from '../helpers.js';
import { type FixtureDataset, exportStandard } from './label-dataset.js';

const root = tempDir();

/** Every file below a folder, relative, with '/'. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tree(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]).sort();
}

describe('ImageFolder and depth exports', () => {
  let data: FixtureDataset;
  let out: string;
  before(async () => {
    ({ data, out } = await exportStandard(root, ['imagefolder', 'depth']));
  });

  it('puts every record at <split>/<class>/<file>, the same bytes, hard-linked', () => {
    const expected = data.records.map((r) => `${r.split}/${r.class}/${(r.file as string).split('/').pop()}`);
    const files = tree(out).filter((f) => /^(train|val|test)\//.test(f));
    assert.deepEqual(files, [...expected].sort());
    data.records.forEach((r, i) => {
      const source = path.join(data.dir, r.file as string);
      assert.equal(statSync(path.join(out, expected[i]!)).ino, statSync(source).ino);
    });
  });

  it('puts depth maps beside their images, and depth.json gives the scale and the pairs by split', () => {
    const description = JSON.parse(readFileSync(path.join(out, 'depth.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(description.scale, 0.001);
    assert.equal(description.unit, 'metre');
    assert.deepEqual(description.splits, {
      train: [{ image: 'images/000/000000.png', depth: 'depth/000/000000.png' }],
      val: [{ image: 'images/000/000001.png', depth: 'depth/000/000001.png' }],
    });
    for (const file of ['images/000/000000.png', 'depth/000/000000.png', 'depth/000/000001.png']) {
      assert.deepEqual(readFileSync(path.join(out, file)), readFileSync(path.join(data.dir, file)), file);
    }
  });
});
