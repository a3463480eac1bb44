import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { SynthError } from '../../src/errors.js';
import { loadScene, sceneFromText } from '../../src/render/load-scene.js';
import { runCli, tempDir } from '../helpers.js';
import { ROBOTO, imageScene, writePicture } from './image-scene.js';

const scene = (texture: string, background = '"#000000"') => `
name: t
classes: ["0"]
background: ${background}
objects:
  - kind: glyph
    fonts: [${ROBOTO}]
    material: { texture: ${texture} }
`;

function problems(dir: string, text: string): string {
  try {
    sceneFromText(text, path.join(dir, 'scene.yaml'));
  } catch (error) {
    assert.ok(error instanceof SynthError, String(error));
    assert.equal(error.exitCode, 2);
    return error.describe();
  }
  assert.fail('the config was accepted');
}

describe('image folders', () => {
  const dir = tempDir();
  let file: string;
  before(async () => {
    ({ file } = await imageScene(dir, scene('{ choice: [{ folder: tex }, { folder: ./tex, scale: 2 }] }', '{ type: image, folder: bg }')));
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'empty/notes.txt'), 'no images here');
    mkdirSync(path.join(dir, 'broken'));
    writeFileSync(path.join(dir, 'broken/half.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
  });

  it('lists each folder\'s images, sorted, as paths from the scene\'s folder', () => {
    const loaded = loadScene(file);
    assert.deepEqual(loaded.images.folders, { tex: ['tex/a.png', 'tex/b.jpg'], './tex': ['tex/a.png', 'tex/b.jpg'], bg: ['bg/one.png', 'bg/two.png'] });
    assert.deepEqual(Object.keys(loaded.images.files).sort(), ['bg/one.png', 'bg/two.png', 'tex/a.png', 'tex/b.jpg']);
    assert.equal(loaded.images.files['bg/one.png'], path.join(dir, 'bg/one.png'));
  });

  it('puts the images\' bytes into the scene hash', async () => {
    const before = loadScene(file).hash;
    await writePicture(path.join(dir, 'bg/two.png'), 9);
    assert.notEqual(loadScene(file).hash, before);
  });

  it('names the field and the folder when it is missing, empty or outside the scene\'s folder', () => {
    assert.match(problems(dir, scene('{ folder: nope }')), /objects\[0\]\.material\.texture\.folder: image folder not found: "nope"/);
    assert.match(problems(dir, scene('{ choice: [{ type: noise }, { folder: empty }] }')),
      /objects\[0\]\.material\.texture\.choice\[1\]\.folder: no images in "empty" \(looked for \.png, \.jpg, \.jpeg, \.webp files\)/);
    assert.match(problems(dir, scene('{ type: noise }', '{ type: image, folder: ../elsewhere }')), /background\.folder: "\.\.\/elsewhere" is not allowed: image folders are relative to the scene file/);
    assert.match(problems(dir, scene('{ folder: /usr/share }')), /"\/usr\/share" is not allowed/);
  });

  it('refuses links that lead outside the scene\'s folder', () => {
    const outside = tempDir();
    mkdirSync(path.join(outside, 'pics'));
    symlinkSync(path.join(outside, 'pics'), path.join(dir, 'linked'));
    assert.match(problems(dir, scene('{ folder: linked }')), /texture\.folder: "linked" leads outside the scene's folder/);
  });

  it('names an image that cannot be read', () => {
    assert.match(problems(dir, scene('{ folder: broken }')), /texture\.folder: "broken\/half\.png" is not a readable image: PNG is truncated/);
  });

  it('makes synth validate and synth render exit 2 with the path', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, scene('{ folder: textures/missing }'));
    for (const args of [['validate', bad], ['render', bad, '-n', '2', '-o', path.join(dir, 'out')]]) {
      const result = await runCli(args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /bad\.yaml: invalid scene config/);
      assert.match(result.stderr, /objects\[0\]\.material\.texture\.folder: image folder not found: "textures\/missing"/);
    }
  });
});
