import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { footprint } from '../../src/render/objects/footprint.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { SceneSpec } from '../../src/render/scene-schema.js';
import { createRng } from '../../src/rng.js';

function scene(overlap: 'allow' | 'avoid') {
  return SceneSpec.parse({
    name: 'placement', classes: ['box', 'ball'],
    placement: { overlap },
    objects: [
      { kind: 'primitive', class: 'box', shape: 'box', count: { min: 0, max: 3 }, size: { x: 0.4, y: 0.4, z: 0.4 }, position: { x: { min: -1, max: 1 }, y: { min: -1, max: 1 } } },
      { kind: 'primitive', class: 'ball', shape: 'sphere', count: 2, size: { x: 0.3, y: 0.3, z: 0.3 }, position: { x: { min: -1, max: 1 }, y: { min: -1, max: 1 } } },
    ],
  });
}

function overlapping(objects: ReturnType<typeof sampleFrame>['objects']): number {
  let pairs = 0;
  objects.forEach((a, i) => objects.slice(i + 1).forEach((b) => {
    if (Math.hypot(a.position.x - b.position.x, a.position.y - b.position.y) < footprint(a, {}) + footprint(b, {})) pairs++;
  }));
  return pairs;
}

describe('object placement', () => {
  it('draws each entry\'s count from its distribution, each copy on its own', () => {
    const spec = scene('allow');
    const root = createRng(9);
    const boxes = [0, 0, 0, 0];
    for (let i = 0; i < 900; i++) {
      const frame = sampleFrame(spec, root, i);
      const n = frame.objects.filter((o) => o.class === 'box').length;
      boxes[n]!++;
      assert.equal(frame.objects.filter((o) => o.class === 'ball').length, 2);
      const positions = new Set(frame.objects.map((o) => `${o.position.x},${o.position.y}`));
      assert.equal(positions.size, frame.objects.length, 'copies are sampled independently');
    }
    for (const k of [0, 1, 2]) assert.ok(boxes[k]! > 240 && boxes[k]! < 360, `${k} boxes in ${boxes[k]} of 900 frames`);
  });

  it('keeps footprints apart with overlap: avoid, where allow lets them meet', () => {
    const root = createRng(2);
    let [avoided, allowed] = [0, 0];
    for (let i = 0; i < 300; i++) {
      avoided += overlapping(sampleFrame(scene('avoid'), root, i).objects);
      allowed += overlapping(sampleFrame(scene('allow'), root, i).objects);
    }
    assert.equal(avoided, 0);
    assert.ok(allowed > 30, `${allowed} overlapping pairs without avoidance`);
  });
});
