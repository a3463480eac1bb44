import type { Rng } from '../rng.js';
import { sampleBackground } from './background/background.js';
import { sampleSurface } from './background/surface.js';
import { sampleCamera } from './camera/camera.js';
import type { FrameSpec } from './frame-spec.js';
import type { ImageFolders } from './images/image-folder.js';
import { sampleLights } from './lighting/lights.js';
import { sampleObject } from './objects/objects.js';
import type { SceneSpec } from './scene-schema.js';

/**
 * Draws frame `index` of a run. Pure: the result depends only on (scene, rng.key, index). Every
 * value has its own fork label, so adding a field later leaves the others' values unchanged.
 * `folders` lists the images of the folders the scene names (LoadedScene.images.folders).
 */
export function sampleFrame(scene: SceneSpec, root: Rng, index: number, folders: ImageFolders = {}): FrameSpec {
  const rng = root.fork(index);
  const lights = sampleLights(scene.lights, rng.fork('lights'));
  return {
    index,
    background: sampleBackground(scene.background, rng.fork('background'), folders, lights),
    camera: sampleCamera(scene.camera, rng.fork('camera')),
    lights,
    surface: sampleSurface(scene.surface, rng.fork('surface'), folders),
    objects: scene.objects.map((object, i) => sampleObject(object, scene.classes, rng.fork('objects').fork(i), folders)),
  };
}
