import type { Rng } from '../rng.js';
import { sampleBackground } from './background/background.js';
import { sampleSurface } from './background/surface.js';
import { sampleCamera } from './camera/camera.js';
import type { FrameSpec } from './frame-spec.js';
import type { ImageFolders } from './images/image-folder.js';
import { sampleLights } from './lighting/lights.js';
import { sampleObjects } from './objects/objects.js';
import type { SceneSpec } from './scene-schema.js';
import { sampleSensor } from './sensor/sensor.js';
import { sampleWeather } from './weather/weather.js';

/** What sampling needs from the scene's files (LoadedScene has both). */
export interface SampleContext {
  /** Each model's footprint radius at scale 1 (see footprint.ts). */
  modelRadius?: Record<string, number>;
  /** The images of the folders the scene names (LoadedScene.images.folders). */
  folders?: ImageFolders;
}

/**
 * Draws frame `index` of a run. Pure: the result depends only on (scene, rng.key, index). Every
 * value has its own fork label, so adding a field later leaves the others' values unchanged.
 */
export function sampleFrame(scene: SceneSpec, root: Rng, index: number, context: SampleContext = {}): FrameSpec {
  const folders = context.folders ?? {};
  const rng = root.fork(index);
  const camera = sampleCamera(scene.camera, rng.fork('camera'));
  const lights = sampleLights(scene.lights, rng.fork('lights'));
  const aspect = scene.image.width / scene.image.height;
  return {
    index,
    background: sampleBackground(scene.background, rng.fork('background'), folders, lights),
    camera,
    lights,
    surface: sampleSurface(scene.surface, rng.fork('surface'), folders),
    objects: sampleObjects(scene, rng.fork('objects'), context.modelRadius ?? {}, folders),
    ...(scene.weather ? { weather: sampleWeather(scene.weather, rng.fork('weather'), { camera, lights, aspect }) } : {}),
    ...(scene.sensor ? { sensor: sampleSensor(scene.sensor, rng.fork('sensor')) } : {}),
  };
}
