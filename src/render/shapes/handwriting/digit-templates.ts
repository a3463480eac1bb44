/**
 * Digit skeletons as a writer draws them: each template is a list of pen strokes, each stroke a
 * list of control points that a smooth spline passes through. Coordinates: y up, the digit about
 * one unit high (y from -0.5 to 0.5) and centred on x = 0. A point written [x, y, 1] is a corner:
 * the spline stops there and starts again, so the pen turns sharply (the top-right of a 7).
 *
 * Several templates per digit cover the common ways of writing it (open and closed 4s, crossed
 * 7s, 1s with and without flag and base, …); `weight` is how often each is chosen by default. A
 * template of weight 0 is drawn only where a scene's style gives it a weight, so adding one leaves
 * every existing scene's images as they were.
 */

/** A control point; a third element of 1 makes it a corner. */
export type ControlPoint = readonly [x: number, y: number] | readonly [x: number, y: number, corner: 1];

export interface TemplateStroke {
  points: readonly ControlPoint[];
  /** The stroke returns to its first point (a 0, the loops of an 8). */
  closed?: boolean;
}

export interface DigitTemplate {
  /** Unique name, e.g. "4-open". */
  name: string;
  digit: number;
  /** Default relative frequency among the digit's templates. */
  weight: number;
  strokes: readonly TemplateStroke[];
}

const t = (name: string, weight: number, ...strokes: (readonly ControlPoint[] | TemplateStroke)[]): DigitTemplate => ({
  name,
  digit: Number(name[0]),
  weight,
  strokes: strokes.map((s) => (Array.isArray(s) ? { points: s as readonly ControlPoint[] } : (s as TemplateStroke))),
});

/** Points on an ellipse, starting at angle `from` (degrees, 90 = top) and going counter-clockwise. */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, n: number): ControlPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const a = ((from + ((to - from) * i) / (n - 1)) * Math.PI) / 180;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as const;
  });
}

export const DIGIT_TEMPLATES: readonly DigitTemplate[] = [
  // 0: an oval, closed; or started at the top and overshooting past the start.
  t('0-oval', 3, { points: arc(0, 0, 0.3, 0.5, 90, 450, 9).slice(0, 8), closed: true }),
  t('0-overshoot', 2, arc(0.02, 0, 0.3, 0.5, 70, 470, 11)),
  t('0-round', 1, { points: arc(0, 0, 0.42, 0.5, 100, 460, 9).slice(0, 8), closed: true }),

  // 1: a bar; with a flag; with flag and base; a bar slightly bent.
  t('1-bar', 5, [[0, 0.5], [0, -0.5]]),
  t('1-lean', 3, [[0.14, 0.5], [-0.14, -0.5]]),
  t('1-bent', 2, [[0.03, 0.5], [-0.01, 0], [-0.02, -0.5]]),
  t('1-flag', 3, [[-0.2, 0.3], [0, 0.5, 1], [0, -0.5]]),
  t('1-flag-base', 1, [[-0.18, 0.32], [0, 0.5, 1], [0, -0.5]], [[-0.2, -0.5], [0.2, -0.5]]),

  // 2: curved neck to a flat base; with a loop at the bottom left; Z-like; a compact 2 whose base
  // curls back up into a bowl, like an a (real MNIST has many; without them they are read as 3s).
  t('2-curve', 4, [[-0.28, 0.25], [-0.1, 0.47], [0.12, 0.47], [0.26, 0.28], [0.18, 0.02], [-0.05, -0.22], [-0.3, -0.48, 1], [0.05, -0.46], [0.32, -0.47]]),
  t('2-loop', 2, [[-0.28, 0.25], [-0.08, 0.48], [0.15, 0.45], [0.26, 0.25], [0.12, -0.05], [-0.15, -0.3], [-0.3, -0.45], [-0.18, -0.5], [-0.1, -0.38], [-0.22, -0.3], [-0.05, -0.46], [0.32, -0.45]]),
  t('2-bigloop', 3, [[-0.28, 0.25], [-0.1, 0.47], [0.12, 0.47], [0.25, 0.28], [0.18, 0.05], [0.0, -0.22], [-0.15, -0.46], [-0.31, -0.42], [-0.32, -0.22], [-0.18, -0.13], [-0.06, -0.25], [0.05, -0.42], [0.32, -0.44]]),
  t('2-wide', 2, [[-0.4, 0.22], [-0.15, 0.4], [0.15, 0.38], [0.3, 0.22], [0.1, -0.05], [-0.22, -0.28], [-0.42, -0.4, 1], [0.0, -0.36], [0.45, -0.38]]),
  t('2-short-base', 2, [[-0.26, 0.28], [-0.05, 0.48], [0.16, 0.44], [0.26, 0.24], [0.14, -0.02], [-0.08, -0.25], [-0.28, -0.47, 1], [-0.02, -0.45], [0.16, -0.4]]),
  t('2-round-loop', 3, [[-0.3, 0.12], [-0.22, 0.4], [0.02, 0.5], [0.24, 0.38], [0.24, 0.12], [0.08, -0.12], [-0.12, -0.32], [-0.28, -0.44], [-0.36, -0.3], [-0.26, -0.16], [-0.1, -0.24], [0.0, -0.4], [0.14, -0.46], [0.3, -0.38]]),
  t('2-z', 1, [[-0.3, 0.32], [-0.1, 0.5], [0.15, 0.48], [0.25, 0.32], [-0.3, -0.48, 1], [0.32, -0.48]]),
  t('2-a', 0, [[-0.2, 0.34], [0.0, 0.5], [0.2, 0.42], [0.24, 0.2], [0.1, -0.02], [-0.14, -0.16], [-0.3, -0.34], [-0.22, -0.5], [0.04, -0.48], [0.16, -0.3], [0.14, -0.1], [0.18, -0.4], [0.3, -0.5]]),

  // 3: two round bumps; a flat top (Z-3); two arcs meeting at a cusp.
  t('3-round', 4, [[-0.27, 0.36], [-0.05, 0.5], [0.2, 0.42], [0.2, 0.18], [-0.05, 0.03], [0.18, -0.07], [0.26, -0.3], [0.05, -0.49], [-0.28, -0.38]]),
  t('3-flat', 1, [[-0.28, 0.48], [0.26, 0.48, 1], [-0.02, 0.08, 1], [0.22, -0.06], [0.26, -0.3], [0.05, -0.49], [-0.28, -0.38]]),
  t('3-cusp', 2, [[-0.26, 0.38], [-0.02, 0.5], [0.22, 0.38], [0.15, 0.15], [-0.08, 0.03, 1], [0.2, -0.1], [0.25, -0.32], [0.02, -0.5], [-0.26, -0.4]]),

  // 4: open top (two strokes); closed triangle; open with the left arm leaning.
  t('4-open', 4, [[-0.24, 0.5], [-0.28, 0, 1], [0.32, 0.02]], [[0.14, 0.42], [0.14, -0.5]]),
  t('4-closed', 2, [[0.14, 0.5], [-0.3, -0.12, 1], [0.32, -0.12]], [[0.14, 0.5], [0.14, -0.5]]),
  t('4-lean', 2, [[-0.08, 0.5], [-0.3, -0.02, 1], [0.3, 0]], [[0.18, 0.3], [0.12, -0.5]]),

  // 5: stem and belly, then the top bar as a second stroke; all in one stroke starting at the top bar.
  t('5-two', 4, [[-0.2, 0.46], [-0.24, 0.06, 1], [0.02, 0.12], [0.24, -0.06], [0.24, -0.32], [0.02, -0.5], [-0.27, -0.4]], [[-0.2, 0.47], [0.27, 0.5]]),
  t('5-round', 2, [[-0.16, 0.47], [-0.24, 0.0, 1], [0.05, 0.1], [0.26, -0.1], [0.24, -0.38], [0.0, -0.5], [-0.22, -0.42], [-0.25, -0.25]], [[-0.16, 0.47], [0.2, 0.5]]),
  t('5-wide', 3, [[-0.12, 0.3], [-0.2, 0.02, 1], [0.08, 0.06], [0.3, -0.1], [0.25, -0.36], [-0.02, -0.46], [-0.32, -0.38]], [[-0.12, 0.3], [0.15, 0.38], [0.45, 0.48]]),
  t('5-s', 2, [[0.42, 0.44], [0.1, 0.38], [-0.14, 0.32, 1], [-0.22, 0.05, 1], [0.1, 0.08], [0.3, -0.12], [0.22, -0.38], [-0.05, -0.48], [-0.32, -0.36]]),
  t('5-one', 2, [[0.27, 0.5], [-0.18, 0.47, 1], [-0.24, 0.04, 1], [0.04, 0.1], [0.25, -0.08], [0.23, -0.34], [0.0, -0.5], [-0.27, -0.38]]),

  // 6: a curved stem into a bottom loop; a straighter stem with a small loop.
  t('6-loop', 4, [[0.2, 0.5], [-0.05, 0.32], [-0.22, 0.02], [-0.24, -0.3], [-0.05, -0.5], [0.17, -0.4], [0.2, -0.15], [0.0, -0.05], [-0.2, -0.2]]),
  t('6-straight', 2, [[0.12, 0.5], [-0.1, 0.15], [-0.2, -0.2], [-0.12, -0.46], [0.1, -0.46], [0.18, -0.25], [0.03, -0.1], [-0.17, -0.22]]),

  // 7: plain; crossed; with a tick on the left of the bar; with a curved stem; with a rounded
  // corner; with a tick reaching a third of the way down.
  t('7-plain', 4, [[-0.3, 0.45], [0.3, 0.46, 1], [0.1, 0.05], [-0.05, -0.5]]),
  t('7-crossed', 2, [[-0.3, 0.45], [0.3, 0.46, 1], [0.1, 0.05], [-0.05, -0.5]], [[-0.08, 0.02], [0.3, 0.04]]),
  t('7-tick', 2, [[-0.3, 0.3], [-0.3, 0.46, 1], [0.3, 0.46, 1], [0.08, 0.02], [-0.02, -0.5]]),
  t('7-curved', 2, [[-0.3, 0.46], [0.28, 0.48, 1], [0.18, 0.2], [0.02, -0.15], [-0.02, -0.5]]),
  t('7-arch', 0, [[-0.3, 0.4], [-0.05, 0.48], [0.18, 0.47], [0.28, 0.36], [0.2, 0.02], [0.06, -0.5]]),
  t('7-long-tick', 0, [[-0.3, 0.12], [-0.3, 0.46, 1], [0.3, 0.46, 1], [0.08, 0.02], [-0.02, -0.5]]),

  // 8: one stroke crossing itself in the middle; two stacked loops; the crossing stroke stopping
  // short of the top; an S closed by one straight diagonal.
  t('8-cross', 4, [[0.2, 0.36], [0.0, 0.5], [-0.2, 0.36], [-0.12, 0.12], [0.14, -0.08], [0.24, -0.3], [0.02, -0.5], [-0.22, -0.32], [-0.12, -0.08], [0.14, 0.12], [0.2, 0.36]]),
  t('8-small-top', 2, [[0.14, 0.4], [0.0, 0.5], [-0.14, 0.4], [-0.1, 0.2], [0.12, 0.02], [0.26, -0.25], [0.04, -0.5], [-0.24, -0.3], [-0.12, -0.02], [0.1, 0.2], [0.14, 0.4]]),
  t('8-tail', 3, [[0.34, 0.5], [0.1, 0.4], [-0.12, 0.28], [-0.1, 0.1], [0.1, -0.05], [0.18, -0.3], [-0.02, -0.5], [-0.26, -0.38], [-0.2, -0.12], [0.02, 0.08], [0.16, 0.3], [0.14, 0.46]]),
  t('8-sliver', 1, [[0.2, 0.5], [0.0, 0.36], [-0.06, 0.12], [0.05, -0.05], [0.22, -0.28], [0.04, -0.5], [-0.2, -0.36], [-0.12, -0.1], [0.08, 0.15], [0.2, 0.38], [0.24, 0.5]]),
  t('8-loops', 2, { points: arc(0, 0.25, 0.19, 0.25, -90, 270, 8).slice(0, 7), closed: true }, { points: arc(0, -0.24, 0.25, 0.26, 90, 450, 8).slice(0, 7), closed: true }),
  t('8-open-top', 0, [[0.22, 0.38], [0.0, 0.5], [-0.2, 0.36], [-0.12, 0.12], [0.14, -0.08], [0.24, -0.3], [0.02, -0.5], [-0.22, -0.32], [-0.12, -0.08], [0.1, 0.1], [0.18, 0.2]]),
  t('8-s-diagonal', 0, [[0.22, 0.38], [0.02, 0.5], [-0.2, 0.38], [-0.14, 0.16], [0.1, -0.02], [0.22, -0.26], [0.06, -0.48], [-0.2, -0.44, 1], [0.22, 0.38]]),

  // 9: a loop and a straight stem; a loop and a tail curling left; a loop with a stem from its top;
  // the loop left open at the top (read as 4) or at the right (read as 5).
  t('9-straight', 4, [[0.22, 0.3], [0.02, 0.5], [-0.2, 0.38], [-0.2, 0.12], [0.0, 0.03], [0.22, 0.2, 1], [0.22, 0.45, 1], [0.2, -0.5]]),
  t('9-curled', 2, [[0.22, 0.3], [0.02, 0.5], [-0.2, 0.38], [-0.2, 0.12], [0.0, 0.03], [0.22, 0.22], [0.18, -0.25], [0.0, -0.5], [-0.18, -0.42]]),
  t('9-short', 2, [[0.24, 0.28], [0.02, 0.5], [-0.24, 0.3], [-0.22, 0.0], [0.02, -0.08], [0.24, 0.15, 1], [0.26, 0.35, 1], [0.2, -0.2], [0.05, -0.48], [-0.15, -0.4]]),
  t('9-stem-top', 2, { points: arc(-0.02, 0.24, 0.21, 0.24, 0, 360, 8).slice(0, 7), closed: true }, [[0.19, 0.45], [0.18, 0], [0.12, -0.5]]),
  t('9-open-top', 0, [[0.02, 0.5], [-0.18, 0.4], [-0.22, 0.18], [-0.06, 0.04], [0.2, 0.1], [0.24, 0.5, 1], [0.22, 0.0], [0.16, -0.5]]),
  t('9-open-side', 0, [[0.24, 0.34], [0.04, 0.5], [-0.2, 0.4], [-0.22, 0.16], [-0.02, 0.04], [0.18, 0.1], [0.2, -0.2], [0.14, -0.5]]),
];

export const TEMPLATE_NAMES: readonly string[] = DIGIT_TEMPLATES.map((tpl) => tpl.name);

export function templatesOf(digit: number): DigitTemplate[] {
  return DIGIT_TEMPLATES.filter((tpl) => tpl.digit === digit);
}
