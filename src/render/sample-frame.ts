import type { Rng } from '../rng.js';
import { type NumberDist, sampleChoice, sampleColour, sampleNumber } from './distributions.js';
import type { FrameLight, FrameObject, FrameSpec } from './frame-spec.js';
import type { LightSpec, MaterialSpec, ObjectSpec, SceneSpec } from './scene-schema.js';

/**
 * Draws frame `index` of a run. Pure: the result depends only on (scene, rng.key, index). Every
 * value has its own fork label, so adding a field later leaves the others' values unchanged.
 */
export function sampleFrame(scene: SceneSpec, root: Rng, index: number): FrameSpec {
  const rng = root.fork(index);
  const cam = rng.fork('camera');
  const num = (dist: NumberDist, r: Rng, label: string) => sampleNumber(dist, r.fork(label));
  return {
    index,
    background: sampleColour(scene.background, rng.fork('background')),
    camera: {
      fov: num(scene.camera.fov, cam, 'fov'),
      distance: num(scene.camera.distance, cam, 'distance'),
      elevation: num(scene.camera.elevation, cam, 'elevation'),
      azimuth: num(scene.camera.azimuth, cam, 'azimuth'),
      roll: num(scene.camera.roll, cam, 'roll'),
      lookAt: sampleVec3(scene.camera.lookAt, cam.fork('lookAt')),
    },
    lights: scene.lights.map((light, i) => sampleLight(light, rng.fork('lights').fork(i))),
    surface: scene.surface
      ? { size: num(scene.surface.size, rng.fork('surface'), 'size'), material: sampleMaterial(scene.surface.material, rng.fork('surface').fork('material')) }
      : null,
    objects: scene.objects.map((object, i) => sampleObject(scene, object, rng.fork('objects').fork(i))),
  };
}

function sampleObject(scene: SceneSpec, object: ObjectSpec, rng: Rng): FrameObject {
  const className = object.class === undefined ? rng.fork('class').pick(scene.classes) : sampleChoice(object.class, rng.fork('class'));
  return {
    kind: 'glyph',
    class: className,
    label: scene.classes.indexOf(className),
    font: rng.fork('font').pick(object.fonts, object.fontWeights),
    text: object.text?.[className] ?? className,
    size: sampleNumber(object.size, rng.fork('size')),
    depth: sampleNumber(object.depth, rng.fork('depth')),
    stretch: sampleNumber(object.stretch, rng.fork('stretch')),
    shear: sampleNumber(object.shear, rng.fork('shear')),
    position: sampleVec3(object.position, rng.fork('position')),
    rotation: sampleVec3(object.rotation, rng.fork('rotation')),
    material: sampleMaterial(object.material, rng.fork('material')),
  };
}

function sampleLight(light: LightSpec, rng: Rng): FrameLight {
  const intensity = sampleNumber(light.intensity, rng.fork('intensity'));
  switch (light.type) {
    case 'ambient':
      return { type: 'ambient', intensity, colour: sampleColour(light.colour, rng.fork('colour')) };
    case 'hemisphere':
      return { type: 'hemisphere', intensity, sky: sampleColour(light.sky, rng.fork('sky')), ground: sampleColour(light.ground, rng.fork('ground')) };
    case 'directional':
      return {
        type: 'directional', intensity, colour: sampleColour(light.colour, rng.fork('colour')),
        elevation: sampleNumber(light.elevation, rng.fork('elevation')), azimuth: sampleNumber(light.azimuth, rng.fork('azimuth')),
      };
    case 'point':
      return {
        type: 'point', intensity, colour: sampleColour(light.colour, rng.fork('colour')),
        position: sampleVec3(light.position, rng.fork('position')), range: sampleNumber(light.range, rng.fork('range')),
      };
  }
}

function sampleMaterial(material: MaterialSpec, rng: Rng): FrameObject['material'] {
  return {
    colour: sampleColour(material.colour, rng.fork('colour')),
    roughness: sampleNumber(material.roughness, rng.fork('roughness')),
    metalness: sampleNumber(material.metalness, rng.fork('metalness')),
  };
}

function sampleVec3(v: { x: NumberDist; y: NumberDist; z: NumberDist }, rng: Rng) {
  return { x: sampleNumber(v.x, rng.fork('x')), y: sampleNumber(v.y, rng.fork('y')), z: sampleNumber(v.z, rng.fork('z')) };
}
