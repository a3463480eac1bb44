/**
 * Page side: the part of the weather that lives in the three.js scene: fog, and surfaces made wet
 * (darker, glossier) by rain or whitened by snow. Called after the frame's materials are set, so
 * tints never accumulate across frames. The label pass uses its own unlit, fog-free materials.
 */
import * as THREE from 'three';
import type { FrameSpec } from '../frame-spec.js';

/** Where the background is taken to be, in look-at distances (as the post pass's BACKGROUND_DISTANCE). */
const BACKGROUND_DISTANCE = 4;

const fogs = { exp: new THREE.FogExp2(0x000000), linear: new THREE.Fog(0x000000) };
const white = new THREE.Color(0.9, 0.92, 0.95);

export function applyWeather(scene: THREE.Scene, frame: FrameSpec, looks: THREE.MeshStandardMaterial[], background: unknown): void {
  const weather = frame.weather;
  const fog = weather?.fog;
  if (!fog) {
    scene.fog = null;
  } else {
    const far = BACKGROUND_DISTANCE * frame.camera.distance;
    let hidden: number;
    if (fog.mode === 'exp') {
      fogs.exp.density = fog.density;
      hidden = 1 - Math.exp(-((fog.density * far) ** 2));
    } else {
      [fogs.linear.near, fogs.linear.far] = [fog.near, fog.far];
      hidden = THREE.MathUtils.smoothstep(far, fog.near, fog.far);
    }
    scene.fog = fogs[fog.mode];
    scene.fog.color.set(fog.colour);
    // Three.js fogs what is drawn, not the background; fade it as if it stood behind the scene.
    if (background instanceof THREE.Color) background.lerp(scene.fog.color, hidden);
  }
  const wet = weather?.rain?.wetness ?? 0;
  const cover = weather?.snow?.cover ?? 0;
  if (wet === 0 && cover === 0) return;
  for (const look of looks) {
    look.color.multiplyScalar(1 - 0.55 * wet).lerp(white, cover);
    look.roughness = THREE.MathUtils.lerp(look.roughness * (1 - 0.7 * wet), 0.8, cover);
  }
}
