import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SynthError } from '../src/errors.js';
import { checkOutputFolder } from '../src/output-path.js';
import { tempDir } from './helpers.js';

const refused = (pattern: RegExp) => (e: unknown) => e instanceof SynthError && e.exitCode === 2 && pattern.test(e.message);

describe('checkOutputFolder', () => {
  const root = tempDir();
  const data = path.join(root, 'data');
  mkdirSync(path.join(data, 'images'), { recursive: true });
  writeFileSync(path.join(root, 'a-file'), 'x');

  it('refuses a folder that is, or holds, something the command reads, seeing through links', () => {
    assert.throws(() => checkOutputFolder(data, [data]), refused(/--out .*data: is or holds .*data, which this command reads/));
    assert.throws(() => checkOutputFolder(root, [data], '--export-out'), refused(/^--export-out .*: is or holds/));
    assert.throws(() => checkOutputFolder(`${data}/`, [path.join(root, 'x', '..', 'data')]), refused(/is or holds/));
    symlinkSync(data, path.join(root, 'link'));
    assert.throws(() => checkOutputFolder(path.join(root, 'link'), [data]), refused(/is or holds/));
  });

  it('allows a folder beside or inside the inputs, existing or not', () => {
    checkOutputFolder(path.join(root, 'data-2'), [data]);
    checkOutputFolder(path.join(root, 'new', 'deep'), [data]);
    checkOutputFolder(path.join(data, 'runs', 'one'), [data]);
  });

  it('refuses a file, or a folder under a file, naming the file', () => {
    assert.throws(() => checkOutputFolder(path.join(root, 'a-file')), refused(/a-file: is a file, not a folder/));
    assert.throws(() => checkOutputFolder(path.join(root, 'a-file', 'sub', 'deeper')), refused(/a-file is a file, not a folder/));
  });
});
