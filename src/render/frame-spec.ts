import { z } from 'zod';
import { FrameBackground } from './background/background.js';
import { FrameSurface } from './background/surface.js';
import { FrameCamera } from './camera/camera.js';
import { FrameLight } from './lighting/lights.js';
import { FrameObject } from './objects/objects.js';
import { FrameSensor } from './sensor/sensor.js';
import { FrameWeather } from './weather/weather.js';

/**
 * One concrete frame: every value sampled, nothing random left. The page renders exactly this, and
 * the manifest records it, so reports can slice accuracy by any parameter.
 */
export const FrameSpec = z.strictObject({
  index: z.int().nonnegative(),
  background: FrameBackground,
  camera: FrameCamera,
  lights: z.array(FrameLight),
  surface: FrameSurface,
  objects: z.array(FrameObject),
  /** Absent when the scene has no `weather:` (or `sensor:`), so plain scenes' manifests are unchanged. */
  weather: FrameWeather.optional(),
  sensor: FrameSensor.optional(),
});
export type FrameSpec = z.output<typeof FrameSpec>;
export type { FrameLight } from './lighting/lights.js';
export type { FrameObject } from './objects/objects.js';
