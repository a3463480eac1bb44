import type { Rng } from '../rng.js';
import { sampleBackground, sampleSurface } from './background/background.js';
import { sampleCamera } from './camera/camera.js';
import type { FrameSpec } from './frame-spec.js';
import { sampleLights } from './lighting/lights.js';
import { sampleObject } from './objects/objects.js';
import type { SceneSpec } from './scene-schema.js';
import { sampleSensor } from './sensor/sensor.js';
import { sampleWeather } from './weather/weather.js';

/**
 * Draws frame `index` of a run. Pure: the result depends only on (scene, rng.key, index). Every
 * value has its own fork label, so adding a field later leaves the others' values unchanged.
 */
export function sampleFrame(scene: SceneSpec, root: Rng, index: number): FrameSpec {
  const rng = root.fork(index);
  const camera = sampleCamera(scene.camera, rng.fork('camera'));
  const lights = sampleLights(scene.lights, rng.fork('lights'));
  const aspect = scene.image.width / scene.image.height;
  return {
    index,
    background: sampleBackground(scene.background, rng.fork('background')),
    camera,
    lights,
    surface: sampleSurface(scene.surface, rng.fork('surface')),
    objects: scene.objects.map((object, i) => sampleObject(object, scene.classes, rng.fork('objects').fork(i))),
    ...(scene.weather ? { weather: sampleWeather(scene.weather, rng.fork('weather'), { camera, lights, aspect }) } : {}),
    ...(scene.sensor ? { sensor: sampleSensor(scene.sensor, rng.fork('sensor')) } : {}),
  };
}
