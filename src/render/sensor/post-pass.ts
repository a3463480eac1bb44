/**
 * Page side: the RGB pass of frames with weather or sensor effects. The scene renders onto the
 * canvas exactly as a plain frame does (same antialiasing, same sRGB bytes), is copied into a
 * texture, and one full-screen shader draws lens blur, the weather, exposure, sRGB encoding and
 * noise into an 8-bit target that is read back. One program for every frame: effects that are
 * off have zero strength in uniforms, so nothing recompiles (slow on SwiftShader).
 *
 * Measured on SwiftShader (CPU time of the GPU process, 64×64): rendering the scene into a
 * multisampled sRGB or half-float target instead cost ~0.2-0.4 of a plain frame more than this
 * copy, which costs next to nothing; the price is that the scene arrives clipped to [0, 1] and
 * without depth (see groundDistance). The screen pass itself costs ~0.45 of a plain frame however
 * little its shader does, so frames with no effect drawn on the image skip it.
 */
import * as THREE from 'three';
import type { FrameSpec } from '../frame-spec.js';
import { setWeatherUniforms, weatherGlsl, weatherUniforms } from '../weather/weather-shader.js';
import { sensorGlsl, sensorUniforms, setSensorUniforms } from './sensor-shader.js';

const vertexShader = /* glsl */ `
void main() { gl_Position = vec4(position.xy, 0.0, 1.0); }
`;

const fragmentShader = /* glsl */ `
precision highp float;
precision highp int;
uniform sampler2D tScene;
uniform vec2 uSize;
uniform mat4 uPixelToWorld;
uniform vec3 uCameraAt;
out vec4 fragColour;
${weatherGlsl}
${sensorGlsl}

vec3 decodeSrgb(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c));
}

vec3 encodeSrgb(vec3 c) {
  c = clamp(c, 0.0, 1.0);
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

// How far the pixel's ray travels to the surface plane z = 0, in look-at distances: the depth of a
// scene whose objects stand on the surface, without a depth buffer. Rays that miss it see the background.
float groundDistance(vec2 uv) {
  vec4 far = uPixelToWorld * vec4(uv * 2.0 - 1.0, 1.0, 1.0);
  vec3 ray = far.xyz / far.w - uCameraAt;
  if (ray.z >= 0.0 || uCameraAt.z <= 0.0) return BACKGROUND_DISTANCE;
  return min(BACKGROUND_DISTANCE, length(ray) * (uCameraAt.z / -ray.z) / uLookDistance);
}

void main() {
  vec2 uv = gl_FragCoord.xy / uSize;
  vec2 p = vec2(gl_FragCoord.x, uSize.y - gl_FragCoord.y);
  vec3 scene = decodeSrgb(lensColour(tScene, uv));
  vec3 c = applyWeather(scene, p, uSize, groundDistance(uv)) * uExposure;
  fragColour = vec4(sensorNoise(encodeSrgb(c), c, uvec2(gl_FragCoord.xy)), 1.0);
}
`;

export class PostPass {
  private readonly scene: THREE.FramebufferTexture;
  /** Not the canvas: its multisampled buffer would cost a resolve on read-back for nothing. */
  private readonly output: THREE.WebGLRenderTarget;
  private readonly material: THREE.ShaderMaterial;
  private readonly screen = new THREE.Scene();
  private readonly screenCamera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 1);

  constructor(width: number, height: number) {
    this.scene = new THREE.FramebufferTexture(width, height);
    this.scene.minFilter = this.scene.magFilter = THREE.LinearFilter;
    this.output = new THREE.WebGLRenderTarget(width, height, { depthBuffer: false });
    this.material = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      vertexShader,
      fragmentShader,
      uniforms: {
        tScene: { value: this.scene },
        uSize: { value: new THREE.Vector2(width, height) },
        uPixelToWorld: { value: new THREE.Matrix4() },
        uCameraAt: { value: new THREE.Vector3() },
        ...weatherUniforms(),
        ...sensorUniforms(),
      },
      depthTest: false,
      depthWrite: false,
    });
    const quad = new THREE.Mesh(new THREE.PlaneGeometry(2, 2), this.material);
    quad.frustumCulled = false;
    this.screen.add(quad);
  }

  /** Renders the frame's RGB image and reads it back into `rgba` (bottom-up RGBA, as gl.readPixels gives it). */
  render(renderer: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.PerspectiveCamera, frame: FrameSpec, rgba: Uint8Array): void {
    renderer.setRenderTarget(null);
    renderer.render(scene, camera);
    if (!drawsOnImage(frame)) {
      // Fog, wet or snowy surfaces and JPEG need no pass; skipping it gives the same bytes (tested), and a pass
      // costs about half a plain frame's time on SwiftShader however little its shader does.
      const gl = renderer.getContext();
      gl.readPixels(0, 0, this.output.width, this.output.height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
      return;
    }
    renderer.copyFramebufferToTexture(this.scene);
    const u = this.material.uniforms;
    (u.uPixelToWorld!.value as THREE.Matrix4).multiplyMatrices(camera.matrixWorld, camera.projectionMatrixInverse);
    (u.uCameraAt!.value as THREE.Vector3).setFromMatrixPosition(camera.matrixWorld);
    setWeatherUniforms(u, frame.weather, frame.camera.distance);
    setSensorUniforms(u, frame.sensor, this.output.width, this.output.height);
    renderer.setRenderTarget(this.output);
    renderer.render(this.screen, this.screenCamera);
    renderer.readRenderTargetPixels(this.output, 0, 0, this.output.width, this.output.height, rgba);
  }
}

/** Whether any effect of the frame is drawn by the screen pass (rather than in the scene or in Node). */
function drawsOnImage(frame: FrameSpec): boolean {
  const w = frame.weather;
  const s = frame.sensor;
  return Boolean(w?.haze || w?.dust || w?.glare || (w?.rain && w.rain.density > 0) || (w?.snow && w.snow.density > 0)
    || s?.exposure || s?.motionBlur || s?.defocus || s?.noise);
}
