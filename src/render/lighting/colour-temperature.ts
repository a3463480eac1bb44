/**
 * The colour of a black body at `kelvin`, as "#rrggbb", normalised so its brightest channel is 255:
 * light sources are described by temperature (candle 1900 K, tungsten 2700 K, noon sun 5500 K,
 * overcast sky 6500-7500 K). A fit to Mitchell Charity's black-body table (Tanner Helland's
 * formulation), accurate to a few levels per channel over 1000-40000 K.
 */
export function kelvinToHex(kelvin: number): string {
  const t = Math.min(40000, Math.max(1000, kelvin)) / 100;
  const red = t <= 66 ? 255 : 329.698727446 * (t - 60) ** -0.1332047592;
  const green = t <= 66 ? 99.4708025861 * Math.log(t) - 161.1195681661 : 288.1221695283 * (t - 60) ** -0.0755148492;
  const blue = t >= 66 ? 255 : t <= 19 ? 0 : 138.5177312231 * Math.log(t - 10) - 305.0447927307;
  const channels = [red, green, blue].map((c) => Math.min(255, Math.max(0, c)));
  const scale = 255 / Math.max(...channels);
  return `#${channels.map((c) => Math.round(c * scale).toString(16).padStart(2, '0')).join('')}`;
}
