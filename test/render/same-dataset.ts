import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file of a dataset's images and its manifest, by relative path. */
function datasetBytes(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('manifest.jsonl', readFileSync(path.join(dir, 'manifest.jsonl')));
  for (const folder of readdirSync(path.join(dir, 'images'))) {
    for (const name of readdirSync(path.join(dir, 'images', folder))) {
      files.set(`images/${folder}/${name}`, readFileSync(path.join(dir, 'images', folder, name)));
    }
  }
  return files;
}

/** The two dataset folders hold the same image files and manifest, byte for byte. */
export function assertSameDataset(actual: string, expected: string): void {
  const a = datasetBytes(actual);
  const e = datasetBytes(expected);
  assert.deepEqual([...a.keys()].sort(), [...e.keys()].sort());
  for (const [name, bytes] of e) assert.ok(bytes.equals(a.get(name)!), `${name} differs`);
}
