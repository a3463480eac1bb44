import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readManifest } from '../../src/dataset/index.js';
import { renderDataset } from '../../src/render/render-dataset.js';
import { fixture, repoRoot, tempDir } from '../helpers.js';

function imageBytes(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const folder of readdirSync(path.join(dir, 'images'))) {
    for (const name of readdirSync(path.join(dir, 'images', folder))) files.set(`${folder}/${name}`, readFileSync(path.join(dir, 'images', folder, name)));
  }
  return files;
}

describe('rendering a dataset with weather and sensor effects', () => {
  it('gives the same bytes at another concurrency and batch size, and logs every effect per image', async () => {
    const root = tempDir();
    const scene = fixture('scenes/weather-everything.yaml');
    const [a, b] = [path.join(root, 'a'), path.join(root, 'b')];
    await renderDataset({ scene, out: a, count: 24, seed: 3, concurrency: 2, batchSize: 5 });
    await renderDataset({ scene, out: b, count: 24, seed: 3, concurrency: 1, batchSize: 7 });
    const [x, y] = [imageBytes(a), imageBytes(b)];
    assert.equal(x.size, 24);
    for (const [name, bytes] of x) assert.ok(bytes.equals(y.get(name)!), `${name} differs`);
    assert.ok(readFileSync(path.join(a, 'manifest.jsonl')).equals(readFileSync(path.join(b, 'manifest.jsonl'))));
    for (const record of await readManifest(a)) {
      const params = record.params as { weather: Record<string, unknown>; sensor: Record<string, unknown> };
      for (const effect of ['fog', 'haze', 'rain', 'snow', 'dust', 'glare']) assert.notEqual(params.weather[effect], null, `${effect} logged`);
      for (const effect of ['exposure', 'motionBlur', 'defocus', 'noise', 'jpeg']) assert.notEqual(params.sensor[effect], null, `${effect} logged`);
    }
  });

  it('renders the shipped weather demo', async () => {
    const out = path.join(tempDir(), 'demo');
    const summary = await renderDataset({ scene: path.join(repoRoot, 'scenes/weather-demo.yaml'), out, count: 8, seed: 1 });
    assert.equal(summary.images, 8);
  });
});
