import * as THREE from 'three';

/**
 * Texture coordinates for a non-indexed geometry that has none (glTF models often ship without):
 * each triangle is projected onto the axis plane its face normal is closest to, in units of the
 * geometry's longest side, so a texture wraps every side of the model at one scale instead of
 * collapsing to a single texel.
 */
export function setBoxUv(geometry: THREE.BufferGeometry): void {
  const position = geometry.getAttribute('position');
  geometry.computeBoundingBox();
  const box = geometry.boundingBox!;
  const size = box.getSize(new THREE.Vector3());
  const unit = Math.max(size.x, size.y, size.z) || 1;
  const uv = new Float32Array(position.count * 2);
  const [a, b, c] = [new THREE.Vector3(), new THREE.Vector3(), new THREE.Vector3()];
  const normal = new THREE.Vector3();
  for (let t = 0; t + 2 < position.count; t += 3) {
    a.fromBufferAttribute(position, t);
    b.fromBufferAttribute(position, t + 1);
    c.fromBufferAttribute(position, t + 2);
    normal.subVectors(c, b).cross(new THREE.Vector3().subVectors(a, b));
    const [nx, ny, nz] = [Math.abs(normal.x), Math.abs(normal.y), Math.abs(normal.z)];
    // The two axes spanning the plane the face is most parallel to.
    const [u, v] = nx >= ny && nx >= nz ? (['y', 'z'] as const) : ny >= nz ? (['x', 'z'] as const) : (['x', 'y'] as const);
    for (let k = 0; k < 3; k++) {
      const p = [a, b, c][k]!;
      uv[2 * (t + k)] = (p[u] - box.min[u]) / unit;
      uv[2 * (t + k) + 1] = (p[v] - box.min[v]) / unit;
    }
  }
  geometry.setAttribute('uv', new THREE.BufferAttribute(uv, 2));
}
