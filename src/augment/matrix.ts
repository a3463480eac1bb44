import type { Point } from './augment-params.js';

/** A 3×3 matrix, row-major, acting on column vectors [x, y, 1]. */
export type Mat3 = [number, number, number, number, number, number, number, number, number];

export function identity(): Mat3 {
  return [1, 0, 0, 0, 1, 0, 0, 0, 1];
}

/** a·b: the transform that applies b first, then a. */
export function multiply(a: Mat3, b: Mat3): Mat3 {
  const out = new Array<number>(9) as Mat3;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) out[i * 3 + j] = a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!;
  }
  return out;
}

/** Composes transforms given in the order they apply. */
export function chain(...steps: Mat3[]): Mat3 {
  return steps.reduce((acc, m) => multiply(m, acc), identity());
}

export function invert(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('the transform is not invertible');
  const k = 1 / det;
  return [
    A * k, -(b * i - c * h) * k, (b * f - c * e) * k,
    B * k, (a * i - c * g) * k, -(a * f - c * d) * k,
    C * k, -(a * h - b * g) * k, (a * e - b * d) * k,
  ];
}

export function apply(m: Mat3, x: number, y: number): Point {
  const w = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

export function isAffine(m: Mat3): boolean {
  return m[6] === 0 && m[7] === 0 && m[8] === 1;
}

export function translation(tx: number, ty: number): Mat3 {
  return [1, 0, tx, 0, 1, ty, 0, 0, 1];
}

export function scaling(sx: number, sy: number = sx): Mat3 {
  return [sx, 0, 0, 0, sy, 0, 0, 0, 1];
}

/** Counter-clockwise as seen on screen (y points down), like OpenCV's getRotationMatrix2D. */
export function rotation(degrees: number): Mat3 {
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t), s = Math.sin(t);
  return [c, s, 0, -s, c, 0, 0, 0, 1];
}

export function shearing(xDegrees: number, yDegrees: number): Mat3 {
  return [1, Math.tan((xDegrees * Math.PI) / 180), 0, Math.tan((yDegrees * Math.PI) / 180), 1, 0, 0, 0, 1];
}

/** The homography taking the four `from` points to the four `to` points (Gaussian elimination on the 8×8 system). */
export function homography(from: readonly Point[], to: readonly Point[]): Mat3 {
  const rows: number[][] = [];
  for (let k = 0; k < 4; k++) {
    const [x, y] = from[k]!;
    const [u, v] = to[k]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    if (Math.abs(rows[pivot]![col]!) < 1e-12) throw new RangeError('degenerate perspective corners');
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    const p = rows[col]!;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = rows[r]!;
      const f = row[col]! / p[col]!;
      if (f !== 0) for (let c = col; c < 9; c++) row[c]! -= f * p[c]!;
    }
  }
  const h = rows.map((row, k) => row[8]! / row[k]!);
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}
