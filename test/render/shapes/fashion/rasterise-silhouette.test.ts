import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as THREE from 'three';
import { rasteriseSilhouette } from '../../../../src/render/shapes/fashion/rasterise-silhouette.js';

const triangles = (...tris: number[][]) => {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(tris.flat(), 3));
  g.setIndex(Array.from({ length: tris.length * 3 }, (_, i) => i));
  g.computeVertexNormals();
  return g;
};
const sum = (data: Uint8Array) => data.reduce((a, b) => a + b, 0);

describe('rasteriseSilhouette', () => {
  it('fills a square that fits the image, whichever way its triangles wind', () => {
    const square = triangles([0, 0, 0, 1, 0, 0, 1, 1, 0], [0, 0, 0, 0, 1, 0, 1, 1, 0]);
    const image = rasteriseSilhouette(square, { size: 8 });
    assert.equal(image.size, 8);
    assert.ok(image.data.every((v) => v === 255));
  });

  it('covers half the image for a right triangle, with antialiased edges', () => {
    const image = rasteriseSilhouette(triangles([0, 0, 0, 1, 0, 0, 0, 1, 0]), { size: 28, supersample: 4 });
    assert.ok(Math.abs(sum(image.data) / (255 * 28 * 28) - 0.5) < 0.03);
    assert.ok(image.data.some((v) => v > 0 && v < 255));
  });

  it('puts +y at the top row and keeps the aspect ratio, centred', () => {
    // A wide bar in the upper part of a 2 × 1 box: rows fill from the middle up.
    const bar = triangles([0, 0, 0, 2, 0, 0, 2, 1, 0], [0, 0, 0, 2, 1, 0, 0, 1, 0], [0, 0.9, 0, 2, 0.9, 0, 2, 1, 0]);
    const image = rasteriseSilhouette(bar, { size: 20 });
    assert.equal(image.data[0], 0, 'above the box');
    assert.equal(image.data[6 * 20 + 10], 255, 'inside, near the top');
    assert.equal(image.data[19 * 20 + 10], 0, 'below the box');
  });

  it('shades by the nearest surface facing the light in lambert mode', () => {
    const flat = triangles([0, 0, 0, 1, 0, 0, 1, 1, 0], [0, 0, 0, 1, 1, 0, 0, 1, 0]);
    const image = rasteriseSilhouette(flat, { size: 4, mode: 'lambert' });
    assert.ok(image.data.every((v) => v > 150 && v < 255), `${[...image.data]}`);
  });
});
