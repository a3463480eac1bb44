import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './helpers.js';

describe('synth CLI', () => {
  it('validate accepts the shipped scenes', async () => {
    const result = await runCli(['validate', `${repoRoot}/scenes/digits.yaml`]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ok — scene "digits", 10 classes/);
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
});
