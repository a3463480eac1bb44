import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { readManifest } from '../../src/dataset/index.js';
import { renderDataset } from '../../src/render/index.js';
import { tempDir } from '../helpers.js';

const SCENE = `
name: ink
classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
image: { width: 64, height: 64 }
background: "#000000"
surface: { size: 10, material: { colour: "#101010", roughness: 1 } }
camera: { fov: 40, distance: 3, elevation: 90, azimuth: 0 }
lights: [{ type: ambient, intensity: 3 }]
objects:
  - kind: handwriting
    material: { colour: "#ffffff", roughness: 1 }
`;

async function grey(file: string): Promise<Uint8Array> {
  return new Uint8Array(await sharp(file).greyscale().raw().toBuffer());
}

describe('handwriting objects in Chromium', () => {
  it('draws the strokes as ink on the surface, and the instance mask covers exactly the ink', async () => {
    const root = tempDir();
    const scene = path.join(root, 'ink.yaml');
    writeFileSync(scene, SCENE);
    const out = path.join(root, 'out');
    await renderDataset({ scene, out, count: 6, seed: 2 });
    const records = await readManifest(out);
    assert.equal(records.length, 6);
    for (const r of records) {
      const params = r['params'] as { objects: { kind: string; label: number; handwriting: { template: string } }[] };
      assert.equal(params.objects[0]!.kind, 'handwriting');
      assert.ok(params.objects[0]!.handwriting.template.startsWith(`${r.label}-`));
      const image = await grey(path.join(out, r.file));
      const mask = await grey(path.join(out, r['mask'] as string));
      let [inside, inkInside, outside, inkOutside] = [0, 0, 0, 0];
      mask.forEach((m, i) => {
        const ink = image[i]! > 128;
        if (m === 1) [inside, inkInside] = [inside + 1, inkInside + (ink ? 1 : 0)];
        else [outside, inkOutside] = [outside + 1, inkOutside + (ink ? 1 : 0)];
      });
      // A digit about half the frame high: thin strokes, far less than its bounding box.
      const box = r['box'] as number[];
      assert.ok(inside > 40 && inside < 0.2 * 64 * 64, `${r.file}: ${inside} mask pixels`);
      assert.ok(inside < 0.75 * box[2]! * box[3]!, `${r.file}: the mask is strokes, not a box (${inside} of ${box[2]}×${box[3]})`);
      assert.ok(inkInside > 0.8 * inside, `${r.file}: ${inkInside} of ${inside} mask pixels are bright ink`);
      assert.ok(inkOutside < 0.1 * inside, `${r.file}: ${inkOutside} bright pixels outside the mask`);
    }
  });
});
