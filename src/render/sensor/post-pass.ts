/**
 * Page side: the RGB pass of frames with weather or sensor effects. The scene renders onto the
 * canvas exactly as a plain frame does (same antialiasing, same sRGB bytes), is copied into a
 * texture, and one full-screen shader draws lens blur, the weather, exposure, sRGB encoding and
 * noise into an 8-bit target that is read back.
 *
 * One program holding every effect made every frame pay for all of them: on SwiftShader a frame
 * with only exposure cost as much as one with every effect, whatever the branches on strengths. The costly effects (rain, snow and dust particles, glare, lens blur) are
 * compiled in by defines, one program per set the frame has: at most 16, each compiled on first
 * use (~0.1-0.3 s of CPU). The cheap ones (veils, exposure, noise) are always in, and leave the
 * image exactly as it was at zero strength. Measured on weather-demo (CPU of Chromium's
 * processes, 64×64): effects frames cost 1.4-1.6× plain frames with one program, ~1.3× with these.
 *
 * Measured on SwiftShader (CPU time of the GPU process, 64×64): rendering the scene into a
 * multisampled sRGB or half-float target instead cost ~0.2-0.4 of a plain frame more than this
 * copy, which costs next to nothing; the price is that the scene arrives clipped to [0, 1] and
 * without depth (see groundDistance). The screen pass itself costs ~0.15-0.2 of a plain frame
 * however little its shader does, so frames with no effect drawn on the image skip it.
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
  private readonly uniforms: Record<string, THREE.IUniform>;
  /** One material (and so one program) per set of costly effects, keyed by their defines. */
  private readonly materials = new Map<string, THREE.ShaderMaterial>();
  private readonly quad: THREE.Mesh;
  private readonly screen = new THREE.Scene();
  private readonly screenCamera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 1);

  constructor(width: number, height: number) {
    this.scene = new THREE.FramebufferTexture(width, height);
    this.scene.minFilter = this.scene.magFilter = THREE.LinearFilter;
    this.output = new THREE.WebGLRenderTarget(width, height, { depthBuffer: false });
    this.uniforms = {
      tScene: { value: this.scene },
      uSize: { value: new THREE.Vector2(width, height) },
      uPixelToWorld: { value: new THREE.Matrix4() },
      uCameraAt: { value: new THREE.Vector3() },
      ...weatherUniforms(),
      ...sensorUniforms(),
    };
    this.quad = new THREE.Mesh(new THREE.PlaneGeometry(2, 2));
    this.quad.frustumCulled = false;
    this.screen.add(this.quad);
  }

  private material(effects: string[]): THREE.ShaderMaterial {
    const key = effects.join(' ');
    let material = this.materials.get(key);
    if (!material) {
      material = new THREE.ShaderMaterial({
        glslVersion: THREE.GLSL3,
        vertexShader,
        fragmentShader,
        defines: Object.fromEntries(effects.map((name) => [name, ''])),
        // Shared by every program: setting a frame's uniforms once serves whichever program draws it.
        uniforms: this.uniforms,
        depthTest: false,
        depthWrite: false,
      });
      this.materials.set(key, material);
    }
    return material;
  }

  /** Renders the frame's RGB image and reads it back into `rgba` (bottom-up RGBA, as gl.readPixels gives it). */
  render(renderer: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.PerspectiveCamera, frame: FrameSpec, rgba: Uint8Array): void {
    renderer.setRenderTarget(null);
    renderer.render(scene, camera);
    if (!drawsOnImage(frame)) {
      // Fog, wet or snowy surfaces and JPEG need no pass; skipping it gives the same bytes (tested).
      const gl = renderer.getContext();
      gl.readPixels(0, 0, this.output.width, this.output.height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
      return;
    }
    renderer.copyFramebufferToTexture(this.scene);
    const u = this.uniforms;
    this.quad.material = this.material(costlyEffects(frame));
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

/** The defines of the costly effects the frame draws, in a fixed order; one at zero strength draws nothing and is left out. */
function costlyEffects(frame: FrameSpec): string[] {
  const w = frame.weather;
  const s = frame.sensor;
  const on: Record<string, boolean> = {
    RAIN: (w?.rain?.density ?? 0) > 0,
    PARTICLES: (w?.snow?.density ?? 0) > 0 || (w?.dust?.particles ?? 0) > 0,
    GLARE: (w?.glare?.strength ?? 0) > 0,
    LENS: (s?.motionBlur?.length ?? 0) > 0 || (s?.defocus?.radius ?? 0) > 0,
  };
  return Object.keys(on).filter((name) => on[name]);
}
