import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** A 32×32 RGB picture with smooth, uneven colours, and its mean colour. */
export function pictureBytes(seed: number): { rgb: Buffer; mean: [number, number, number] } {
  const rgb = Buffer.alloc(32 * 32 * 3);
  const sum = [0, 0, 0];
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const v = [40 + 6 * x + seed * 10, 200 - 5 * y, 90 + 60 * Math.sin((x + y + seed) / 6)].map((c) => Math.round(Math.min(255, Math.max(0, c))));
      v.forEach((c, k) => { rgb[(y * 32 + x) * 3 + k] = c; sum[k]! += c; });
    }
  }
  return { rgb, mean: sum.map((s) => s / 1024) as [number, number, number] };
}

export async function writePicture(file: string, seed: number, format: 'png' | 'jpeg' | 'webp' = 'png'): Promise<[number, number, number]> {
  const { rgb, mean } = pictureBytes(seed);
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(rgb, { raw: { width: 32, height: 32, channels: 3 } }).toFormat(format, format === 'png' ? {} : { quality: 95 }).toFile(file);
  return mean;
}

export const ROBOTO = 'npm:@fontsource/roboto/files/roboto-latin-400-normal.woff';

/**
 * A scene folder with images: tex/ (two textures) and bg/ (two backgrounds), and `scene.yaml`
 * holding `yaml`. Returns the scene file and the backgrounds' mean colours by file.
 */
export async function imageScene(dir: string, yaml: string): Promise<{ file: string; means: Record<string, [number, number, number]> }> {
  const means: Record<string, [number, number, number]> = {};
  await writePicture(path.join(dir, 'tex/a.png'), 3);
  await writePicture(path.join(dir, 'tex/b.jpg'), 4, 'jpeg');
  means['bg/one.png'] = await writePicture(path.join(dir, 'bg/one.png'), 1);
  means['bg/two.png'] = await writePicture(path.join(dir, 'bg/two.png'), 2);
  const file = path.join(dir, 'scene.yaml');
  writeFileSync(file, yaml);
  return { file, means };
}
