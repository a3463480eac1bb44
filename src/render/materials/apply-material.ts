/** Page side: sets a persistent three.js material to a frame's material values. */
import type * as THREE from 'three';
import type { FrameMaterial } from './materials.js';

export function applyMaterial(target: THREE.MeshStandardMaterial, m: FrameMaterial): void {
  target.color.set(m.colour);
  target.roughness = m.roughness;
  target.metalness = m.metalness;
}
