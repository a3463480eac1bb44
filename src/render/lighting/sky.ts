import { kelvinToHex } from './colour-temperature.js';

export interface SkyInput {
  /** Hours, 0-24; the sun is highest at 12. */
  time: number;
  /** 0 clear to 1 fully overcast. */
  overcast: number;
  /** Degrees: where the sun rises, around the surface normal (0 is the reader side). */
  azimuth: number;
  /** Degrees: the sun's height at noon (90 at the equator at equinox). */
  noonElevation: number;
  /** Overall scale of the sky's light. */
  intensity: number;
}

export interface SkyLighting {
  sun: { elevation: number; azimuth: number; intensity: number; colour: string };
  sky: { intensity: number; colour: string; ground: string };
  /** The colour of the sky near the horizon and at the zenith, for backgrounds that show the sky. */
  horizon: string;
  zenith: string;
}

const DEG = Math.PI / 180;

/**
 * A simple, deterministic daylight model: the sun climbs along a half-circle from 6 h to 18 h,
 * warming towards the horizon (2000 K at sunrise, 5500 K at noon); cloud moves light from the sun
 * to the sky dome and greys the sky. Not a radiative-transfer model — enough to vary light
 * plausibly with a time of day and a cloud cover that reports can slice by.
 */
export function skyLighting(input: SkyInput): SkyLighting {
  const dayFraction = (((input.time % 24) + 24) % 24 - 6) / 12;
  const height = Math.sin(Math.PI * Math.min(1, Math.max(0, dayFraction)));
  const elevation = Math.max(-10, height * input.noonElevation - (dayFraction < 0 || dayFraction > 1 ? 10 : 0));
  const daylight = Math.max(0, Math.sin(Math.max(0, elevation) * DEG));
  const sunKelvin = 2000 + 3500 * Math.min(1, daylight * 1.6);
  const clear = 1 - Math.min(1, Math.max(0, input.overcast));
  const sunIntensity = input.intensity * 3 * daylight * clear ** 1.5;
  const skyIntensity = input.intensity * (0.15 + 0.85 * Math.sqrt(daylight)) * (0.6 + 0.4 * input.overcast);
  const skyKelvin = 6500 + 5500 * clear * daylight;
  return {
    sun: { elevation: Math.max(0, elevation), azimuth: input.azimuth + 180 * Math.min(1, Math.max(0, dayFraction)), intensity: sunIntensity, colour: kelvinToHex(sunKelvin) },
    sky: { intensity: skyIntensity, colour: mix(kelvinToHex(skyKelvin), '#c8c8c8', input.overcast), ground: '#3a3530' },
    horizon: scale(mix(kelvinToHex(sunKelvin + 2500), '#b4b4b4', input.overcast), 0.25 + 0.75 * Math.sqrt(daylight)),
    zenith: scale(mix('#3d6fd1', '#9a9a9a', input.overcast), 0.1 + 0.9 * Math.sqrt(daylight)),
  };
}

function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function toHex(c: number[]): string {
  return `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

function mix(a: string, b: string, t: number): string {
  const [ca, cb] = [channels(a), channels(b)];
  return toHex(ca.map((v, i) => v + (cb[i]! - v) * t));
}

function scale(hex: string, k: number): string {
  return toHex(channels(hex).map((v) => v * k));
}
