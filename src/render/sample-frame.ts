import type { Rng } from '../rng.js';
import { sampleBackground, sampleSurface } from './background/background.js';
import { sampleCamera } from './camera/camera.js';
import type { FrameSpec } from './frame-spec.js';
import { sampleLights } from './lighting/lights.js';
import { sampleObjects } from './objects/objects.js';
import type { SceneSpec } from './scene-schema.js';

/** What sampling needs from the scene's files: each model's footprint radius at scale 1 (see footprint.ts). */
export interface SampleContext {
  modelRadius?: Record<string, number>;
}

/**
 * Draws frame `index` of a run. Pure: the result depends only on (scene, rng.key, index). Every
 * value has its own fork label, so adding a field later leaves the others' values unchanged.
 */
export function sampleFrame(scene: SceneSpec, root: Rng, index: number, context: SampleContext = {}): FrameSpec {
  const rng = root.fork(index);
  return {
    index,
    background: sampleBackground(scene.background, rng.fork('background')),
    camera: sampleCamera(scene.camera, rng.fork('camera')),
    lights: sampleLights(scene.lights, rng.fork('lights')),
    surface: sampleSurface(scene.surface, rng.fork('surface')),
    objects: sampleObjects(scene, rng.fork('objects'), context.modelRadius ?? {}),
  };
}
