import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOrThrow } from '../../src/errors.js';
import { type FilterableObject, LabelsSpec, filterObjects } from '../../src/label/filters.js';

const objects: (FilterableObject & { class: string; box?: number[] })[] = [
  { class: 'a', pixels: 50, visibility: 0.9 },
  { class: 'b', pixels: 3, visibility: 0.8 },
  { class: 'c', pixels: 40, visibility: 0.1 },
  { class: 'a', box: [0, 0, 1, 1] }, // an older record: neither pixels nor visibility
];

describe('label filters', () => {
  it('flag marks failing objects ignore and keeps every position', () => {
    const spec = LabelsSpec.parse({ minVisibility: 0.5, minPixels: 10 });
    assert.equal(spec.mode, 'flag');
    const out = filterObjects(objects, spec);
    assert.deepEqual(out.map((o) => o.ignore), [undefined, true, true, undefined]);
    assert.equal(out[0], objects[0], 'passing objects are passed through');
    assert.equal(objects[1]!.ignore, undefined, 'the input is not changed');
  });

  it('drop removes failing objects and gives survivors their mask value', () => {
    const out = filterObjects(objects, LabelsSpec.parse({ minPixels: 10, mode: 'drop' }));
    assert.deepEqual(out.map((o) => [o.class, o.instance]), [['a', 1], ['c', 3], ['a', 4]]);
  });

  it('drop keeps a mask value set by an earlier filter', () => {
    const once = filterObjects(objects, LabelsSpec.parse({ minPixels: 10, mode: 'drop' }));
    const twice = filterObjects(once, LabelsSpec.parse({ minVisibility: 0.5, mode: 'drop' }));
    assert.deepEqual(twice.map((o) => o.instance), [1, 4]);
  });

  it('an object flagged before stays flagged', () => {
    const out = filterObjects([{ pixels: 100, ignore: true }], LabelsSpec.parse({ minPixels: 1 }));
    assert.equal(out[0]!.ignore, true);
  });

  it('the schema states its limits, names the field and describes each option', () => {
    assert.throws(
      () => parseOrThrow(LabelsSpec, { minVisibility: 1.5, minPixels: -1, mode: 'keep' }, 'scene.yaml', 'labels'),
      (e: { describe(): string }) => {
        const text = e.describe();
        return /minVisibility: expected a fraction in \[0, 1\], got 1\.5/.test(text) && /minPixels: expected a whole number >= 0, got -1/.test(text) && /mode: expected "drop" or "flag", got "keep"/.test(text);
      },
    );
    assert.throws(() => LabelsSpec.parse({ minVisiblity: 0.5 }), /minVisiblity/);
    for (const key of ['minVisibility', 'minPixels', 'mode'] as const) assert.ok(LabelsSpec.shape[key].description, key);
  });
});
