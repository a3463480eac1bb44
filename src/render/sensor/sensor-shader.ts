/**
 * Page side: the sensor part of the post-processing shader (post-pass.ts) and its uniforms: lens
 * blur while reading the scene, exposure in linear light, noise after encoding to sRGB.
 */
import * as THREE from 'three';
import type { FrameSensor } from './sensor.js';

const BLUR_TAPS = 16;

export const sensorGlsl = /* glsl */ `
uniform float uExposure;
uniform int uTapCount; uniform vec2 uTaps[${BLUR_TAPS}];
uniform float uNoise; uniform bool uShotNoise; uniform uint uNoiseSeed;

// The scene through the lens: the mean of uTapCount taps that trace the blur kernel (compiled in for frames
// with blur). It averages the sRGB-encoded texels (as most image tools blur), not light: decoding each tap
// costs too much on SwiftShader.
vec3 lensColour(sampler2D scene, vec2 uv) {
#ifdef LENS
  vec3 sum = vec3(0.0);
  for (int k = 0; k < uTapCount; k++) sum += texture(scene, uv + uTaps[k]).rgb;
  return sum / float(uTapCount);
#else
  return texelFetch(scene, ivec2(gl_FragCoord.xy), 0).rgb;
#endif
}

// Noise of standard deviation uNoise/255 per channel: a sum of four 8-bit uniforms (Irwin-Hall) is close
// to Gaussian and needs one hash and no logarithms, which matters on a software renderer.
vec3 sensorNoise(vec3 encoded, vec3 linear, uvec2 pixel) {
  uvec3 h = pcg3d(uvec3(pixel, uNoiseSeed));
  uvec3 sum = (h & 255u) + ((h >> 8u) & 255u) + ((h >> 16u) & 255u) + (h >> 24u);
  // Four uniforms on 0..255 sum to a mean of 510 and a standard deviation of 147.8.
  vec3 normal = (vec3(sum) - 510.0) / 147.8;
  // Shot noise grows with the square root of the light; 0.214 is mid grey (sRGB 0.5) in linear light.
  vec3 scale = uShotNoise ? sqrt(max(linear, 0.0) / 0.214) : vec3(1.0);
  return encoded + normal * scale * (uNoise / 255.0);
}
`;

export function sensorUniforms(): Record<string, THREE.IUniform> {
  return {
    uExposure: { value: 1 }, uTapCount: { value: 0 }, uTaps: { value: Array.from({ length: BLUR_TAPS }, () => new THREE.Vector2()) },
    uNoise: { value: 0 }, uShotNoise: { value: false }, uNoiseSeed: { value: 0 },
  };
}

/** Sets the uniforms for a frame's sensor (a perfect camera when it has none); width and height in pixels. */
export function setSensorUniforms(u: Record<string, THREE.IUniform>, sensor: FrameSensor | undefined, width: number, height: number): void {
  const { exposure, motionBlur, defocus, noise } = sensor ?? {};
  u.uExposure!.value = 2 ** (exposure?.ev ?? 0);
  const [length, radius] = [motionBlur?.length ?? 0, defocus?.radius ?? 0];
  // About one tap per pixel of the kernel's area, no more: each tap is a filtered texture read, slow on SwiftShader.
  const taps = length > 0 || radius > 0 ? Math.min(BLUR_TAPS, Math.max(5, Math.ceil(length + Math.PI * radius * radius))) : 0;
  u.uTapCount!.value = taps;
  if (taps > 0) blurTaps(u.uTaps!.value as THREE.Vector2[], taps, length, motionBlur?.angle ?? 0, radius, width, height);
  u.uNoise!.value = noise?.amount ?? 0;
  u.uShotNoise!.value = noise?.kind === 'poisson';
  u.uNoiseSeed!.value = noise?.seed ?? 0;
}

/**
 * Texture offsets whose mean is motion blur (a line of `length` pixels at `angle`, image y down)
 * convolved with defocus (a disc of `radius` pixels): tap k is a point of a Vogel spiral filling
 * the disc plus a point on the line, the line visited in a shuffled order so the two do not correlate.
 */
function blurTaps(taps: THREE.Vector2[], n: number, length: number, angle: number, radius: number, width: number, height: number): void {
  const a = (angle * Math.PI) / 180;
  // A stride coprime with n shuffles the order along the line.
  const stride = [7, 5, 11, 13].find((s) => gcd(s, n) === 1)!;
  taps.slice(0, n).forEach((tap, k) => {
    const r = radius * Math.sqrt((k + 0.5) / n);
    const spiral = k * 2.399963229728653;
    const t = (((k * stride) % n) + 0.5) / n - 0.5;
    const dx = r * Math.cos(spiral) + t * length * Math.cos(a);
    const dy = r * Math.sin(spiral) + t * length * Math.sin(a);
    tap.set(dx / width, -dy / height);
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
