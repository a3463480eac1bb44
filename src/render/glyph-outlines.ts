import opentype from 'opentype.js';

/** One filled region of a glyph: an outer contour and the holes cut from it, as flat [x0, y0, x1, y1, …]. */
export interface GlyphShape {
  outer: number[];
  holes: number[][];
}

/** A text's outline, normalised: bounding box height 1, centred on the origin, y up. */
export interface GlyphOutline {
  shapes: GlyphShape[];
  /** Width / height of the bounding box. */
  aspect: number;
}

const CURVE_SEGMENTS = 6;

export function parseFont(bytes: Uint8Array): opentype.Font {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return opentype.parse(buffer);
}

/** Characters of `text` that the font has no glyph for. */
export function missingCharacters(font: opentype.Font, text: string): string[] {
  return [...text].filter((ch) => font.charToGlyph(ch).index === 0);
}

/**
 * The outline of `text` set in `font`, with curves flattened and contours sorted into solids and
 * holes. Returns undefined when the text draws nothing (a blank glyph).
 */
export function glyphOutline(font: opentype.Font, text: string): GlyphOutline | undefined {
  const contours = flatten(font.getPath(text, 0, 0, 1).commands).filter((c) => c.length >= 6 && Math.abs(signedArea(c)) > 1e-9);
  if (contours.length === 0) return undefined;

  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of contours) {
    for (let i = 0; i < c.length; i += 2) {
      minX = Math.min(minX, c[i]!); maxX = Math.max(maxX, c[i]!);
      minY = Math.min(minY, c[i + 1]!); maxY = Math.max(maxY, c[i + 1]!);
    }
  }
  const height = maxY - minY;
  const [cx, cy] = [(minX + maxX) / 2, (minY + maxY) / 2];
  // opentype paths are y-down; the scene is y-up.
  const normalised = contours.map((c) => c.map((v, i) => (i % 2 === 0 ? (v - cx) / height : -(v - cy) / height)));
  return { shapes: sortContours(normalised), aspect: (maxX - minX) / height };
}

function flatten(commands: opentype.PathCommand[]): number[][] {
  const contours: number[][] = [];
  let current: number[] = [];
  let [x, y] = [0, 0];
  const close = () => {
    // A closing point equal to the start would be a zero-length edge.
    if (current.length >= 4 && current[0] === current[current.length - 2] && current[1] === current[current.length - 1]) {
      current.length -= 2;
    }
    if (current.length > 0) contours.push(current);
    current = [];
  };
  for (const cmd of commands) {
    if (cmd.type === 'M') {
      close();
      current.push(cmd.x, cmd.y);
    } else if (cmd.type === 'L') {
      current.push(cmd.x, cmd.y);
    } else if (cmd.type === 'Q') {
      for (let s = 1; s <= CURVE_SEGMENTS; s++) {
        const t = s / CURVE_SEGMENTS, u = 1 - t;
        current.push(u * u * x + 2 * u * t * cmd.x1 + t * t * cmd.x, u * u * y + 2 * u * t * cmd.y1 + t * t * cmd.y);
      }
    } else if (cmd.type === 'C') {
      for (let s = 1; s <= CURVE_SEGMENTS; s++) {
        const t = s / CURVE_SEGMENTS, u = 1 - t;
        current.push(
          u * u * u * x + 3 * u * u * t * cmd.x1 + 3 * u * t * t * cmd.x2 + t * t * t * cmd.x,
          u * u * u * y + 3 * u * u * t * cmd.y1 + 3 * u * t * t * cmd.y2 + t * t * t * cmd.y,
        );
      }
    } else {
      close();
      continue;
    }
    [x, y] = [cmd.x, cmd.y];
  }
  close();
  return contours;
}

/**
 * Fonts fill by the non-zero rule: contours wound like the outermost ones are solid, the others are
 * holes. Containment alone is not enough, because handwriting fonts overlap solid strokes.
 */
function sortContours(contours: number[][]): GlyphShape[] {
  const areas = contours.map(signedArea);
  const depth = contours.map((c, i) => contours.filter((o, j) => j !== i && pointInPolygon(c[0]!, c[1]!, o)).length);
  const outermost = areas.filter((_, i) => depth[i] === 0);
  const solidSign = Math.sign(outermost.reduce((s, a) => s + Math.sign(a), 0) || outermost[0]!);

  const solids: { shape: GlyphShape; area: number; contour: number[] }[] = [];
  const holes: number[][] = [];
  contours.forEach((c, i) => {
    if (Math.sign(areas[i]!) === solidSign) solids.push({ shape: { outer: c, holes: [] }, area: Math.abs(areas[i]!), contour: c });
    else holes.push(c);
  });
  for (const hole of holes) {
    const owner = solids
      .filter((s) => pointInPolygon(hole[0]!, hole[1]!, s.contour))
      .sort((a, b) => a.area - b.area)[0];
    if (owner) owner.shape.holes.push(hole);
  }
  return solids.map((s) => s.shape);
}

function signedArea(c: number[]): number {
  let sum = 0;
  for (let i = 0; i < c.length; i += 2) {
    const j = (i + 2) % c.length;
    sum += c[i]! * c[j + 1]! - c[j]! * c[i + 1]!;
  }
  return sum / 2;
}

function pointInPolygon(x: number, y: number, c: number[]): boolean {
  let inside = false;
  for (let i = 0, j = c.length - 2; i < c.length; j = i, i += 2) {
    const [xi, yi, xj, yj] = [c[i]!, c[i + 1]!, c[j]!, c[j + 1]!];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
