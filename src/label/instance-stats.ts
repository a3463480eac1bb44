/** A box in pixels: left, top, width, height (COCO's order). */
export type Box = [x: number, y: number, w: number, h: number];

export interface InstanceStats {
  /** Visible pixels of the instance. */
  pixels: number;
  /** Tight box around the visible pixels; null when none is visible. */
  box: Box | null;
}

/**
 * Pixel counts and tight boxes of instances 1..count from an id buffer (one byte per pixel,
 * 0 = background), plus the same for all instances together.
 */
export function instanceStats(ids: Uint8Array, width: number, height: number, count: number): { instances: InstanceStats[]; all: InstanceStats } {
  const n = count + 1;
  const pixels = new Array<number>(n).fill(0);
  const minX = new Array<number>(n).fill(width), minY = new Array<number>(n).fill(height);
  const maxX = new Array<number>(n).fill(-1), maxY = new Array<number>(n).fill(-1);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const id = ids[p]!;
      if (id === 0 || id > count) continue;
      pixels[id]!++;
      if (x < minX[id]!) minX[id] = x;
      if (x > maxX[id]!) maxX[id] = x;
      if (y < minY[id]!) minY[id] = y;
      if (y > maxY[id]!) maxY[id] = y;
    }
  }
  const stats = (id: number): InstanceStats => ({
    pixels: pixels[id]!,
    box: pixels[id]! === 0 ? null : [minX[id]!, minY[id]!, maxX[id]! - minX[id]! + 1, maxY[id]! - minY[id]! + 1],
  });
  const instances = Array.from({ length: count }, (_, i) => stats(i + 1));
  const present = instances.filter((s) => s.box !== null);
  const all: InstanceStats = present.length === 0
    ? { pixels: 0, box: null }
    : {
        pixels: present.reduce((s, i) => s + i.pixels, 0),
        box: unionBox(present.map((s) => s.box!)),
      };
  return { instances, all };
}

/** The smallest box holding all the given boxes (at least one). */
export function unionBox(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b[0])), y0 = Math.min(...boxes.map((b) => b[1]));
  const x1 = Math.max(...boxes.map((b) => b[0] + b[2])), y1 = Math.max(...boxes.map((b) => b[1] + b[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}
