import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SynthError } from '../../src/errors.js';
import { loadScene, sceneFromText } from '../../src/render/load-scene.js';
import type { ObjectEntry } from '../../src/render/scene-schema.js';
import { fixture, repoRoot } from '../helpers.js';

const base = `
name: t
classes: ["0", "1"]
lights:
  - { type: ambient, intensity: 1 }
  - { type: directional, intensity: 2 }
objects:
  - kind: glyph
    fonts: [npm:@fontsource/roboto/files/roboto-latin-400-normal.woff]
`;

function problems(text: string, file = `${repoRoot}/scenes/x.yaml`): string {
  try {
    sceneFromText(text, file);
  } catch (error) {
    assert.ok(error instanceof SynthError, `expected a SynthError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.describe();
  }
  assert.fail('the config was accepted');
}

describe('loadScene', () => {
  it('loads the shipped digits scene with all of its fonts', () => {
    const scene = loadScene(`${repoRoot}/scenes/digits.yaml`);
    assert.equal(scene.spec.classes.length, 10);
    assert.ok(Object.keys(scene.glyphs).length >= 30, 'many fonts');
    for (const outlines of Object.values(scene.glyphs)) assert.deepEqual(Object.keys(outlines).sort(), scene.spec.classes);
  });

  it('fills defaults and gives equal hashes for equal configs', () => {
    const a = sceneFromText(base, `${repoRoot}/scenes/a.yaml`);
    const b = sceneFromText(base.replace('name: t', 'name: t  # same'), `${repoRoot}/scenes/b.yaml`);
    assert.equal(a.spec.camera.elevation, 90);
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, sceneFromText(base.replace('intensity: 2', 'intensity: 3'), `${repoRoot}/scenes/c.yaml`).hash);
  });

  it('reads JSON configs too', () => {
    const scene = loadScene(fixture('scenes/tiny.yaml'));
    const json = sceneFromText(JSON.stringify({ name: 'j', classes: ['0'], objects: [{ kind: 'glyph', fonts: glyphFonts(scene.spec.objects[0]!) }] }), `${repoRoot}/scenes/j.json`);
    assert.equal(json.spec.name, 'j');
  });

  it('names the file, the field path, the value found and what is allowed', () => {
    const text = problems(base.replace('intensity: 2', 'intensity: bright'));
    assert.match(text, /scenes\/x\.yaml: invalid scene config/);
    assert.match(text, /lights\[1\]\.intensity: expected a number, \{min, max\}.*, got "bright"/);
  });

  it('rejects unknown keys (typos) by name', () => {
    assert.match(problems(base.replace('kind: glyph', 'kind: glyph\n    roation: { z: 3 }')), /objects\[0\]: unknown key "roation"/);
  });

  it('rejects min > max with the path of the range', () => {
    assert.match(problems(base.replace('intensity: 2', 'intensity: { min: 3, max: 1 }')), /lights\[1\]\.intensity\.min: expected min <= max/);
  });

  it('rejects values outside what a field allows', () => {
    assert.match(problems(`${base}camera: { elevation: { min: 0, max: 120 } }\n`), /camera\.elevation: expected values within \[1, 90\]/);
    assert.match(problems(base.replace('type: ambient', 'type: laser')), /lights\[0\]\.type: expected a light with type "ambient", .*got "laser"/);
  });

  it('rejects an output.fit.subsample that would enlarge, naming its path', () => {
    assert.match(problems(`${base}output: { fit: { box: 28, canvas: 28, subsample: { from: 20 } } }\n`),
      /output\.fit\.subsample\.from: expected from >= box/);
    assert.match(problems(`${base}output: { fit: { box: 28, canvas: 28, subsample: { from: 7.5 } } }\n`), /output\.fit\.subsample\.from: /);
  });

  it('names the bad field inside a choice, and the values a fixed set allows', () => {
    const text = problems(`${base}    material:
      texture: { choice: [{ type: checker, scale: big }, { type: decal, mark: star }] }
  - { kind: primitive, class: "1", shape: cube }
`);
    assert.match(text, /objects\[0\]\.material\.texture\.choice\[0\]\.scale: expected a number, .*, got "big"/);
    assert.match(text, /objects\[0\]\.material\.texture\.choice\[1\]\.mark: .*\(values: "logo", "ring", .*\), got "star"/);
    assert.match(text, /objects\[1\]\.shape: .*\(values: "box", "sphere", .*\), got "cube"/);
    assert.doesNotMatch(text, /expected a texture/, 'not the whole union\'s message');
  });

  it('rejects classes an object names that the scene does not have', () => {
    assert.match(problems(base.replace('kind: glyph', 'kind: glyph\n    class: "7"')), /objects\[0\]\.class: expected one of the scene classes/);
  });

  it('checks excludeFonts names scene classes and the object\'s fonts, and leaves each class a font', () => {
    const roboto = 'npm:@fontsource/roboto/files/roboto-latin-400-normal.woff';
    const exclude = (map: string) => problems(base.replace('kind: glyph', `kind: glyph\n    excludeFonts: ${map}`));
    assert.match(exclude('{ "7": [] }'), /objects\[0\]\.excludeFonts\.7: expected a class of the scene \(0, 1\)/);
    assert.match(exclude('{ "1": [fonts/other.ttf] }'), /objects\[0\]\.excludeFonts\.1\[0\]: expected one of the object's fonts/);
    assert.match(exclude(`{ "0": [${roboto}] }`), /objects\[0\]\.excludeFonts\.0: leaves class "0" no font to draw with/);
    assert.doesNotThrow(() => sceneFromText(base.replace('kind: glyph', `kind: glyph\n    class: "1"\n    excludeFonts: { "0": [${roboto}] }`), `${repoRoot}/scenes/x.yaml`),
      'a class the object never draws may lose every font');
  });

  it('reports a missing font file with its path', () => {
    assert.match(problems(base.replace('npm:@fontsource/roboto/files/roboto-latin-400-normal.woff', 'fonts/nope.ttf')),
      /objects\[0\]\.fonts\[0\]: font file not found: "fonts\/nope\.ttf"/);
  });

  it('reports a file that is not a font', () => {
    assert.match(problems(base.replace('npm:@fontsource/roboto/files/roboto-latin-400-normal.woff', `${repoRoot}/package.json`)),
      /objects\[0\]\.fonts\[0\]: .* is not a font/);
  });

  it('reports unparseable YAML with its line', () => {
    assert.match(problems('name: t\nclasses: [0, 1\n'), /scenes\/x\.yaml: not valid YAML \(line \d+, column \d+\)/);
  });

  it('reports an alias whose anchor is not set before it, with its line', () => {
    assert.match(problems('name: t\nclasses: *names\nobjects: []\nnames: &names ["0"]\n'),
      /scenes\/x\.yaml: not valid YAML \(line 2, column 10\): the alias \*names has no anchor &names before it/);
  });

  it('reports an unreadable file', () => {
    assert.throws(() => loadScene(`${repoRoot}/scenes/does-not-exist.yaml`), /does-not-exist\.yaml: cannot read the scene config \(ENOENT\)/);
  });
});

function glyphFonts(object: ObjectEntry): string[] {
  assert.ok('kind' in object && object.kind === 'glyph');
  return 'kind' in object && object.kind === 'glyph' ? object.fonts : [];
}
