/**
 * Page side: turns a frame's lights into three.js lights, reusing them while their types stay the
 * same. Reuse matters beyond speed: three.js caches uniforms per light id and never frees them,
 * which grew a page by ~330 bytes a frame when lights were made anew (bench/scale).
 */
import * as THREE from 'three';
import { direction } from '../page/directions.js';
import type { FrameLight } from './lights.js';

type Shadow = { softness: number; mapSize: number } | null | undefined;

export class LightRig {
  private lights: THREE.Object3D[][] = [];
  private kinds: string[] = [];

  constructor(private readonly scene: THREE.Scene) {}

  /** Sets the lights; returns whether any light casts shadows. */
  apply(frame: FrameLight[]): boolean {
    const kinds = frame.map((l) => `${l.type}:${shadowOf(l)?.mapSize ?? 'none'}`);
    if (kinds.join() !== this.kinds.join()) this.rebuild(frame, kinds);
    frame.forEach((light, i) => update(this.lights[i]!, light));
    return frame.some((l) => Boolean(shadowOf(l)));
  }

  private rebuild(frame: FrameLight[], kinds: string[]): void {
    for (const group of this.lights) {
      for (const object of group) {
        this.scene.remove(object);
        if (object instanceof THREE.Light) object.dispose();
      }
    }
    this.lights = frame.map(create);
    for (const group of this.lights) for (const object of group) this.scene.add(object);
    this.kinds = kinds;
  }
}

function shadowOf(light: FrameLight): Shadow {
  return 'shadow' in light ? light.shadow : undefined;
}

/** The three.js objects of one light: the light, and the target it aims at when it has one. */
function create(light: FrameLight): THREE.Object3D[] {
  switch (light.type) {
    case 'ambient':
      return [new THREE.AmbientLight()];
    case 'hemisphere':
      return [new THREE.HemisphereLight()];
    case 'directional': {
      const l = withShadow(new THREE.DirectionalLight(), light.shadow);
      return [l, l.target];
    }
    case 'point':
      return [withShadow(new THREE.PointLight(), light.shadow)];
    case 'spot': {
      const l = withShadow(new THREE.SpotLight(), light.shadow);
      return [l, l.target];
    }
    case 'sky': {
      const sun = withShadow(new THREE.DirectionalLight(), light.shadow);
      return [sun, sun.target, new THREE.HemisphereLight()];
    }
  }
}

function withShadow<T extends THREE.DirectionalLight | THREE.PointLight | THREE.SpotLight>(light: T, shadow: Shadow): T {
  if (!shadow) return light;
  light.castShadow = true;
  light.shadow.mapSize.set(shadow.mapSize, shadow.mapSize);
  light.shadow.bias = -0.0005;
  if (light instanceof THREE.DirectionalLight) {
    const c = light.shadow.camera;
    [c.left, c.right, c.top, c.bottom, c.near, c.far] = [-4, 4, 4, -4, 0.1, 40];
  }
  return light;
}

function update(objects: THREE.Object3D[], light: FrameLight): void {
  const [first] = objects;
  switch (light.type) {
    case 'ambient': {
      const l = first as THREE.AmbientLight;
      l.color.set(light.colour);
      l.intensity = light.intensity;
      return;
    }
    case 'hemisphere': {
      const l = first as THREE.HemisphereLight;
      l.color.set(light.sky);
      l.groundColor.set(light.ground);
      l.intensity = light.intensity;
      l.position.set(0, 0, 1);
      return;
    }
    case 'directional': {
      const l = first as THREE.DirectionalLight;
      l.color.set(light.colour);
      l.intensity = light.intensity;
      l.position.copy(direction(light.elevation, light.azimuth).multiplyScalar(10));
      setSoftness(l, light.shadow);
      return;
    }
    case 'point':
      setPositional(first as THREE.PointLight, light);
      return;
    case 'spot': {
      const l = first as THREE.SpotLight;
      setPositional(l, light);
      l.angle = light.angle * Math.PI / 180;
      l.penumbra = light.penumbra;
      l.target.position.set(light.target.x, light.target.y, light.target.z);
      l.target.updateMatrixWorld();
      return;
    }
    case 'sky': {
      const sun = first as THREE.DirectionalLight;
      sun.color.set(light.sun.colour);
      sun.intensity = light.sun.intensity;
      sun.position.copy(direction(Math.max(0.5, light.sun.elevation), light.sun.azimuth).multiplyScalar(10));
      setSoftness(sun, light.shadow);
      const sky = objects[2] as THREE.HemisphereLight;
      sky.color.set(light.sky.colour);
      sky.groundColor.set(light.sky.ground);
      sky.intensity = light.sky.intensity;
      sky.position.set(0, 0, 1);
      return;
    }
  }
}

/** What point and spot lights share: colour, strength, inverse-square falloff, position, shadow softness. */
function setPositional(l: THREE.PointLight | THREE.SpotLight, light: Extract<FrameLight, { type: 'point' | 'spot' }>): void {
  l.color.set(light.colour);
  l.intensity = light.intensity;
  l.distance = light.range;
  l.decay = 2;
  l.position.set(light.position.x, light.position.y, light.position.z);
  setSoftness(l, light.shadow);
}

function setSoftness(light: THREE.DirectionalLight | THREE.PointLight | THREE.SpotLight, shadow: Shadow): void {
  if (shadow) light.shadow.radius = shadow.softness;
}
