import * as THREE from 'three';

export interface FinishOptions {
  /** Moves each vertex along z by f(x, y), before normals are computed (drape, wrinkles). */
  displace?: (x: number, y: number) => number;
  /** Mirror left-right (e.g. a shoe with its toe to the right). */
  mirror?: boolean;
}

/**
 * Collects triangles of a product's parts, then places the whole in the product frame: centred on
 * the origin in x and y, the longest side in the xy plane 1 unit, lying on z = 0 and facing +z.
 */
export class MeshBuilder {
  private readonly positions: number[] = [];
  private readonly indices: number[] = [];

  vertex(x: number, y: number, z: number): number {
    this.positions.push(x, y, z);
    return this.positions.length / 3 - 1;
  }

  /** A triangle wound counter-clockwise as seen from the side its normal points to. */
  triangle(a: number, b: number, c: number): void {
    this.indices.push(a, b, c);
  }

  get triangleCount(): number {
    return this.indices.length / 3;
  }

  finish(options: FinishOptions = {}): THREE.BufferGeometry {
    const p = Float32Array.from(this.positions);
    if (options.displace) {
      for (let i = 0; i < p.length; i += 3) p[i + 2]! += options.displace(p[i]!, p[i + 1]!);
    }
    let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < p.length; i += 3) {
      minX = Math.min(minX, p[i]!); maxX = Math.max(maxX, p[i]!);
      minY = Math.min(minY, p[i + 1]!); maxY = Math.max(maxY, p[i + 1]!);
      minZ = Math.min(minZ, p[i + 2]!);
    }
    const s = 1 / Math.max(maxX - minX, maxY - minY);
    const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const flip = options.mirror ? -1 : 1;
    for (let i = 0; i < p.length; i += 3) {
      p[i] = flip * (p[i]! - cx) * s;
      p[i + 1] = (p[i + 1]! - cy) * s;
      p[i + 2] = (p[i + 2]! - minZ) * s;
    }
    const index = Uint32Array.from(this.indices);
    if (options.mirror) {
      for (let i = 0; i < index.length; i += 3) [index[i + 1], index[i + 2]] = [index[i + 2]!, index[i + 1]!];
    }
    // Texture coordinates project the product's face (it lies in the xy plane) so that one uv unit is
    // the product's longest side; without them every texel lookup hits one texel and a pattern is a flat tint.
    const uv = new Float32Array((p.length / 3) * 2);
    for (let i = 0, j = 0; i < p.length; i += 3, j += 2) {
      uv[j] = p[i]! + 0.5;
      uv[j + 1] = p[i + 1]! + 0.5;
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(p, 3));
    geometry.setAttribute('uv', new THREE.BufferAttribute(uv, 2));
    geometry.setIndex(new THREE.BufferAttribute(index, 1));
    geometry.computeVertexNormals();
    return geometry;
  }
}
