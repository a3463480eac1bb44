/** Page side: points the persistent three.js camera as a frame says. */
import * as THREE from 'three';
import { DEG, direction } from '../page/directions.js';
import type { FrameCamera } from './camera.js';

export function placeCamera(camera: THREE.PerspectiveCamera, c: FrameCamera): void {
  const target = new THREE.Vector3(c.lookAt.x, c.lookAt.y, c.lookAt.z);
  camera.fov = c.fov;
  camera.updateProjectionMatrix();
  camera.position.copy(direction(c.elevation, c.azimuth).multiplyScalar(c.distance).add(target));
  // "Up" in the image is away from the viewer across the surface, which stays defined at 90° elevation.
  camera.up.set(-Math.sin(c.azimuth * DEG), Math.cos(c.azimuth * DEG), 0);
  camera.lookAt(target);
  camera.rotateZ(c.roll * DEG);
  camera.updateMatrixWorld();
}
