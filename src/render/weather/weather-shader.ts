/**
 * Page side: the weather part of the post-processing shader (sensor/post-pass.ts) and its uniforms.
 * Streaks, flakes and particles are drawn procedurally: the image is cut into cells, and a hash of
 * (cell, frame seed, layer) decides whether a cell holds one and where. The code of rain, of the
 * particles and of glare is compiled in only for frames that have them; strengths and looks are uniforms.
 */
import * as THREE from 'three';
import type { FrameWeather } from './weather.js';

export const weatherGlsl = /* glsl */ `
uniform uint uSeed;
uniform float uLookDistance;
uniform float uHaze; uniform vec3 uHazeColour;
uniform float uDust; uniform vec3 uDustColour; uniform float uDustParticles;
uniform float uRain; uniform float uRainLength; uniform float uRainBrightness; uniform vec2 uRainAlong;
uniform float uSnow; uniform float uSnowSize; uniform float uSnowBrightness;
uniform float uGlare; uniform vec2 uGlareAt; uniform vec3 uGlareColour; uniform float uGlareSize; uniform float uGlareGhosts;

// What is seen through the background is taken to be this many look-at distances away.
const float BACKGROUND_DISTANCE = 4.0;

uvec3 pcg3d(uvec3 v) {
  v = v * 1664525u + 1013904223u;
  v.x += v.y * v.z; v.y += v.z * v.x; v.z += v.x * v.y;
  v ^= v >> 16u;
  v.x += v.y * v.z; v.y += v.z * v.x; v.z += v.x * v.y;
  return v;
}

// Three uniform numbers in [0, 1) for a cell; 24 bits each, so the float conversion is exact.
vec3 cellRandom(vec2 cell, uint salt) {
  return vec3(pcg3d(uvec3(uvec2(ivec2(cell)), uSeed ^ salt)) >> 8u) * (1.0 / 16777216.0);
}

// One uniform number in [0, 1) for a column of cells (lowbias32, a cheaper hash than pcg3d).
float columnRandom(float column, uint salt) {
  uint x = uint(int(column)) ^ uSeed ^ salt;
  x ^= x >> 16u; x *= 0x7feb352du; x ^= x >> 15u; x *= 0x846ca68bu; x ^= x >> 16u;
  return float(x >> 8u) * (1.0 / 16777216.0);
}

// Opacity of a veil whose opacity at the look-at distance is 'amount', at 'dist' look-at distances.
float veil(float amount, float dist) {
  return 1.0 - pow(max(1.0 - amount, 0.0), dist);
}

// One layer of rain: streaks of length len along uRainAlong, one per cell at most. p is in pixels, top-down.
float rainLayer(vec2 p, float len, float density, uint salt) {
  float width = max(0.8, len / 12.0);
  float spacing = max(2.0 * width + 1.0, len * 0.6);
  float cellLength = len * 1.6;
  vec2 q = vec2(dot(p, vec2(uRainAlong.y, -uRainAlong.x)), dot(p, uRainAlong));
  float column = floor(q.x / spacing);
  q.y += columnRandom(column, salt) * cellLength;
  vec2 cell = vec2(column, floor(q.y / cellLength));
  vec3 h = cellRandom(cell, salt);
  if (h.x >= density) return 0.0;
  vec2 local = q - cell * vec2(spacing, cellLength);
  float x = width + h.y * (spacing - 2.0 * width);
  float y = cellLength * 0.5 + (h.z - 0.5) * (cellLength - len);
  float off = length(vec2(local.x - x, max(abs(local.y - y) - len * 0.5, 0.0)));
  float cover = clamp(width * 0.5 + 0.5 - off, 0.0, 1.0);
  // Brighter towards the leading (lower) end; brightness varies from streak to streak.
  float along = clamp((local.y - y) / len + 0.5, 0.0, 1.0);
  return cover * (0.35 + 0.65 * along) * (0.5 + 0.5 * h.x / density);
}

// Rotations that turn each particle layer's grid a different way (0.3, 0.7, 1.1, 1.9 and 2.0 radians).
const mat2 TURN_A = mat2(0.9553365, 0.2955202, -0.2955202, 0.9553365);
const mat2 TURN_B = mat2(0.7648422, 0.6442177, -0.6442177, 0.7648422);
const mat2 TURN_C = mat2(0.4535961, 0.8912074, -0.8912074, 0.4535961);
const mat2 TURN_D = mat2(-0.3232896, 0.9463001, -0.9463001, -0.3232896);
const mat2 TURN_E = mat2(-0.4161468, 0.9092974, -0.9092974, -0.4161468);

// One layer of round soft particles of about 'radius' pixels, one per cell at most. The grid is turned by
// 'turn' radians and its columns shifted by random amounts, so the particles show no rows or columns.
float particleLayer(vec2 p, float radius, float cellSize, float density, mat2 turn, uint salt) {
  p = turn * p;
  float column = floor(p.x / cellSize);
  p.y += columnRandom(column, salt) * cellSize * 7.0;
  vec2 cell = vec2(column, floor(p.y / cellSize));
  vec3 h = cellRandom(cell, salt);
  if (h.x >= density) return 0.0;
  float r = radius * (0.6 + 0.8 * h.x / density);
  float margin = r + 1.0;
  vec2 centre = cell * cellSize + margin + h.yz * max(cellSize - 2.0 * margin, 0.0);
  float d = length(p - centre);
  return clamp(1.0 - (d - 0.5 * r) / (0.5 * r + 0.7), 0.0, 1.0);
}

// Ghost spots along the line from the light through the image centre: where (0 light, 1 centre), size, brightness, tint.
const float GHOST_AT[4] = float[4](0.55, 1.35, 1.7, 2.3);
const float GHOST_SIZE[4] = float[4](0.06, 0.12, 0.05, 0.2);
const float GHOST_GAIN[4] = float[4](0.5, 0.35, 0.6, 0.25);
const vec3 GHOST_TINT[4] = vec3[4](vec3(0.6, 1.0, 0.7), vec3(1.0, 0.7, 0.4), vec3(0.5, 0.7, 1.0), vec3(0.9, 0.6, 1.0));

vec3 glareLight(vec2 p, vec2 size) {
  vec2 light = uGlareAt * size;
  float s = uGlareSize;
  float d = length(p - light) / size.y;
  float bloom = exp(-(d * d) / (s * s)) + 0.2 * s * s / (d * d + s * s);
  vec3 ghosts = vec3(0.0);
  for (int i = 0; i < 4; i++) {
    vec2 at = mix(light, 0.5 * size, GHOST_AT[i]);
    float r = GHOST_SIZE[i] * (0.5 + s * 3.0);
    float g = 1.0 - smoothstep(0.6 * r, r, length(p - at) / size.y);
    ghosts += g * GHOST_GAIN[i] * GHOST_TINT[i];
  }
  return uGlare * uGlareColour * (bloom + uGlareGhosts * ghosts);
}

// The weather over a linear colour c at pixel p (top-down) whose surface is 'dist' look-at distances away.
// The costly effects' code is compiled in only for frames that have them (post-pass.ts picks the
// defines); the veils are cheap and leave c exactly as it was at zero strength.
vec3 applyWeather(vec3 c, vec2 p, vec2 size, float dist) {
  c = mix(c, uHazeColour, veil(uHaze, dist));
  c = mix(c, uDustColour, veil(uDust, dist));
#ifdef RAIN
  float streaks = rainLayer(p, uRainLength, uRain, 0x68e31da4u)
    + 0.7 * rainLayer(p, uRainLength * 0.6, uRain, 0xb5297a4du)
    + 0.45 * rainLayer(p, uRainLength * 0.35, uRain, 0x1b56c4e9u);
  c = mix(c, vec3(0.8), clamp(streaks * uRainBrightness, 0.0, 1.0));
#endif
#ifdef PARTICLES
  // Snow and dust motes share a define (fewer programs to compile); either at zero density draws nothing.
  float r = uSnowSize;
  float flakes = max(particleLayer(p, r, r * 6.0 + 3.0, uSnow, TURN_A, 0x2545f491u),
    max(0.8 * particleLayer(p, r * 0.65, r * 4.5 + 2.5, uSnow, TURN_C, 0x9e3779b9u),
        0.6 * particleLayer(p, r * 0.4, r * 3.5 + 2.0, uSnow, TURN_E, 0x7f4a7c15u)));
  c = mix(c, vec3(0.92), flakes * uSnowBrightness);
  float motes = max(particleLayer(p, 0.45, 5.0, uDustParticles, TURN_B, 0x85ebca6bu), 0.7 * particleLayer(p, 0.35, 3.5, uDustParticles, TURN_D, 0xc2b2ae35u));
  c = mix(c, min(uDustColour * 1.4 + 0.15, vec3(1.0)), motes * 0.5);
#endif
#ifdef GLARE
  c += glareLight(p, size);
#endif
  return c;
}
`;

export function weatherUniforms(): Record<string, THREE.IUniform> {
  const u = (value: unknown) => ({ value });
  return {
    uSeed: u(0), uLookDistance: u(1),
    uHaze: u(0), uHazeColour: u(new THREE.Color()),
    uDust: u(0), uDustColour: u(new THREE.Color()), uDustParticles: u(0),
    uRain: u(0), uRainLength: u(1), uRainBrightness: u(0), uRainAlong: u(new THREE.Vector2(0, 1)),
    uSnow: u(0), uSnowSize: u(1), uSnowBrightness: u(0),
    uGlare: u(0), uGlareAt: u(new THREE.Vector2()), uGlareColour: u(new THREE.Color()), uGlareSize: u(0.1), uGlareGhosts: u(0),
  };
}

/** Sets the uniforms for a frame's weather (all effects off when it has none). */
export function setWeatherUniforms(u: Record<string, THREE.IUniform>, weather: FrameWeather | undefined, lookDistance: number): void {
  const set = (name: string, value: number) => (u[name]!.value = value);
  const colour = (name: string, hex: string) => (u[name]!.value as THREE.Color).set(hex);
  set('uSeed', weather?.seed ?? 0);
  set('uLookDistance', lookDistance);
  const { haze, dust, rain, snow, glare } = weather ?? {};
  set('uHaze', haze?.amount ?? 0);
  if (haze) colour('uHazeColour', haze.colour);
  set('uDust', dust?.amount ?? 0);
  set('uDustParticles', dust?.particles ?? 0);
  if (dust) colour('uDustColour', dust.colour);
  set('uRain', rain?.density ?? 0);
  if (rain) {
    set('uRainLength', Math.max(rain.length, 0.5));
    set('uRainBrightness', rain.brightness);
    const a = (rain.angle * Math.PI) / 180;
    (u.uRainAlong!.value as THREE.Vector2).set(Math.sin(a), Math.cos(a));
  }
  set('uSnow', snow?.density ?? 0);
  if (snow) {
    set('uSnowSize', snow.size);
    set('uSnowBrightness', snow.brightness);
  }
  set('uGlare', glare?.strength ?? 0);
  if (glare) {
    (u.uGlareAt!.value as THREE.Vector2).set(glare.x, glare.y);
    colour('uGlareColour', glare.colour);
    set('uGlareSize', glare.size);
    set('uGlareGhosts', glare.ghosts);
  }
}
