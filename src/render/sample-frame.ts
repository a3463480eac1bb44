import type { Rng } from '../rng.js';
import { sampleBackground, sampleSurface } from './background/background.js';
import { sampleCamera } from './camera/camera.js';
import type { FrameSpec } from './frame-spec.js';
import { sampleLights } from './lighting/lights.js';
import { sampleObject } from './objects/objects.js';
import type { SceneSpec } from './scene-schema.js';

/**
 * Draws frame `index` of a run. Pure: the result depends only on (scene, rng.key, index). Every
 * value has its own fork label, so adding a field later leaves the others' values unchanged.
 */
export function sampleFrame(scene: SceneSpec, root: Rng, index: number): FrameSpec {
  const rng = root.fork(index);
  return {
    index,
    background: sampleBackground(scene.background, rng.fork('background')),
    camera: sampleCamera(scene.camera, rng.fork('camera')),
    lights: sampleLights(scene.lights, rng.fork('lights')),
    surface: sampleSurface(scene.surface, rng.fork('surface')),
    objects: scene.objects.map((object, i) => sampleObject(object, scene.classes, rng.fork('objects').fork(i))),
  };
}
