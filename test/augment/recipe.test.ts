import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SynthError } from '../../src/errors.js';
import { TRANSFORM_ORDER, defaultRecipe, loadRecipe, parseRecipe, recipeHash, referenceRecipe } from '../../src/augment/index.js';
import { fixture } from '../helpers.js';

function problems(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SynthError, `expected a SynthError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.describe();
  }
  assert.fail('the recipe was accepted');
}

describe('augmentation recipes', () => {
  it('loads YAML, fills defaults, and hashes equal recipes equally', () => {
    const recipe = loadRecipe(fixture('augment/reference.yaml'));
    assert.deepEqual(recipe, referenceRecipe);
    assert.equal(recipeHash(recipe), recipeHash(referenceRecipe));
    assert.notEqual(recipeHash(recipe), recipeHash(defaultRecipe));
    assert.equal(recipe.minVisibility, 0.25);
    assert.equal(recipe.border, 'constant');
    assert.deepEqual(recipe.affine?.shear, 0);
  });

  it('accepts every transform, and lists each one in the order of application', () => {
    const recipe = loadRecipe(fixture('augment/everything.yaml'));
    const named = Object.keys(recipe).filter((k) => !['minVisibility', 'border', 'fill'].includes(k));
    assert.deepEqual([...named].sort(), [...TRANSFORM_ORDER].sort());
  });

  it('names the file and every bad field with what was found', () => {
    const text = problems(() => loadRecipe(fixture('augment/bad.yaml')));
    assert.match(text, /bad\.yaml: invalid augmentation recipe/);
    assert.match(text, /✖ affine\.p: .*got 1\.5/);
    assert.match(text, /✖ affine\.rotate\.min: expected min <= max/);
    assert.match(text, /✖ gaussianBlur\.sigma: .*got "wide"/);
    assert.match(text, /✖ \(top level\): unknown key "roation"/);
    assert.match(text, /✖ cutout\.fill: expected a grey level from 0 to 255, or one of the values \(values: "random"\), got "pink"$/m);
  });

  it('rejects ranges a transform cannot take', () => {
    assert.match(problems(() => parseRecipe({ jpeg: { p: 1, quality: { min: 0, max: 50 } } }, 'r.yaml')), /jpeg\.quality: expected values within \[1, 100\]/);
    assert.match(problems(() => parseRecipe({ cutmix: { p: 1, area: 2 } }, 'r.yaml')), /cutmix\.area/);
    assert.match(problems(() => parseRecipe({ affine: { p: 1, translate: { x: 0.1 } } }, 'r.yaml')), /affine\.translate/);
  });

  it('says where YAML is broken, and when the file is missing', () => {
    assert.match(problems(() => loadRecipe(fixture('augment/missing.yaml'))), /missing\.yaml: cannot read the augmentation recipe \(ENOENT\)/);
    assert.match(problems(() => loadRecipe(fixture('augment/unanchored.yaml'))),
      /unanchored\.yaml: not valid YAML \(line 4, column 11\): the alias \*range has no anchor &range before it/);
  });
});
