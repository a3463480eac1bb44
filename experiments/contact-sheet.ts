import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** 3×5 bitmaps of 0-9 and '>' for captions such as "2>7" (true > predicted). */
const GLYPHS: Record<string, string> = {
  '0': '111101101101111', '1': '010110010010111', '2': '111001111100111', '3': '111001111001111', '4': '101101111001001',
  '5': '111100111001111', '6': '111100111101111', '7': '111001010010010', '8': '111101111101111', '9': '111101111001111',
  '>': '100010001010100', ' ': '000000000000000',
};

export interface SheetTile {
  pixels: Uint8Array;
  caption?: string;
}

/** Writes a grid of 28×28 grey tiles (scaled up) with yellow captions at the bottom left of each. */
export function writeContactSheet(file: string, tiles: readonly SheetTile[], options: { columns?: number; size?: number; scale?: number } = {}): void {
  const { columns = 20, size = 28, scale = 3 } = options;
  const cell = size * scale + 2;
  const rows = Math.max(1, Math.ceil(tiles.length / columns));
  const png = new PNG({ width: columns * cell, height: rows * cell });
  png.data.fill(40);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  const put = (x: number, y: number, r: number, g: number, b: number) => {
    const o = (y * png.width + x) * 4;
    png.data[o] = r; png.data[o + 1] = g; png.data[o + 2] = b;
  };
  tiles.forEach((tile, k) => {
    const [ox, oy] = [(k % columns) * cell + 1, Math.floor(k / columns) * cell + 1];
    for (let y = 0; y < size * scale; y++) {
      for (let x = 0; x < size * scale; x++) {
        const v = tile.pixels[Math.floor(y / scale) * size + Math.floor(x / scale)]!;
        put(ox + x, oy + y, v, v, v);
      }
    }
    [...(tile.caption ?? '')].forEach((ch, c) => {
      const bits = GLYPHS[ch] ?? GLYPHS[' ']!;
      for (let gy = 0; gy < 5; gy++) {
        for (let gx = 0; gx < 3; gx++) {
          if (bits[gy * 3 + gx] !== '1') continue;
          for (let sy = 0; sy < 2; sy++) for (let sx = 0; sx < 2; sx++) put(ox + 2 + c * 8 + gx * 2 + sx, oy + size * scale - 12 + gy * 2 + sy, 255, 220, 0);
        }
      }
    });
  });
  writeFileSync(file, PNG.sync.write(png));
}
