import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/train/backend.js';
import { SynthError } from '../../src/errors.js';

test('auto picks wasm here and says why the native backends are absent', async () => {
  const selected = await selectBackend('auto');
  assert.equal(selected.name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.ok(selected.threads >= 1);
  assert.match(selected.reason, /@tensorflow\/tfjs-node is not installed/);
  assert.match(selected.reason, /@tensorflow\/tfjs-node-gpu is not installed/);
});

test('requesting tensorflow when it cannot load throws a SynthError that names the fix', async () => {
  await assert.rejects(selectBackend('tensorflow'), (error: unknown) => {
    assert.ok(error instanceof SynthError);
    assert.match(error.message, /backend "tensorflow" is not available/);
    assert.match(error.describe(), /npm install @tensorflow\/tfjs-node/);
    assert.match(error.describe(), /--backend wasm/);
    return true;
  });
});

test('cpu can be requested, and wasm again after it', async () => {
  assert.equal((await selectBackend('cpu')).name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal((await selectBackend('wasm')).name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
});

test('the wasm thread count cannot change once wasm has started', async () => {
  const { threads } = await selectBackend('wasm');
  await assert.rejects(selectBackend('wasm', { threads: threads + 1 }), (error: unknown) => {
    assert.ok(error instanceof SynthError);
    assert.match(error.message, new RegExp(`already runs with ${threads} thread`));
    assert.match(error.describe(), /cannot be changed/);
    return true;
  });
  assert.equal((await selectBackend('wasm')).threads, threads);
});
