import * as THREE from 'three';

export const DEG = Math.PI / 180;

/** A direction on the unit sphere: elevation above the surface, azimuth from the reader side (-y). */
export function direction(elevation: number, azimuth: number): THREE.Vector3 {
  const el = elevation * DEG, az = azimuth * DEG;
  return new THREE.Vector3(Math.sin(az) * Math.cos(el), -Math.cos(az) * Math.cos(el), Math.sin(el));
}
