/** Accuracy of one group of images that share a parameter range or value. */
export interface SliceBin {
  label: string;
  count: number;
  accuracy: number;
}

export interface ParameterSlice {
  parameter: string;
  kind: 'numeric' | 'categorical';
  bins: SliceBin[];
  /** Best bin accuracy minus worst: how much this parameter matters. */
  spread: number;
  /** Chance of bins differing this much if correctness did not depend on the parameter (chi-square test). */
  pValue: number;
  /** pValue under 0.05 divided by the number of parameters sliced (Bonferroni): not a fluke of testing many. */
  significant: boolean;
}

/**
 * Flattens sampled parameters into `path → value` (e.g. "camera.elevation", "objects[0].font").
 * Only numbers and strings are kept: they are what can be sliced.
 */
export function flattenParams(value: unknown, prefix = '', out: Map<string, number | string> = new Map()): Map<string, number | string> {
  if (typeof value === 'number' || typeof value === 'string') {
    out.set(prefix, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flattenParams(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenParams(v, prefix === '' ? k : `${prefix}.${k}`, out);
  }
  return out;
}

/**
 * Accuracy sliced by every parameter that varies: numbers into `bins` equal-count bins, strings by
 * value (the `maxCategories` most common). Values inside nested lists (a stroke's point offsets,
 * say: paths with two or more indices) are not sliced: there are many, each alone means little, and
 * by chance some would always look telling. Sorted with the significant slices first, each group by
 * spread, most telling first.
 */
export function parameterSlices(params: unknown[], correct: boolean[], bins = 5, maxCategories = 12): ParameterSlice[] {
  const flat = params.map((p) => flattenParams(p));
  const keys = new Set(flat.flatMap((f) => [...f.keys()]).filter((key) => (key.match(/\[\d+\]/g) ?? []).length < 2));
  const slices: Omit<ParameterSlice, 'significant'>[] = [];
  for (const key of keys) {
    const values = flat.map((f) => f.get(key));
    const present = values.map((v, i) => ({ v, ok: correct[i]! })).filter((e) => e.v !== undefined);
    if (new Set(present.map((e) => e.v)).size < 2) continue;
    const numeric = present.every((e) => typeof e.v === 'number');
    const groups = numeric ? numericBins(present as { v: number; ok: boolean }[], bins) : categoryBins(present as { v: string; ok: boolean }[], maxCategories);
    if (groups.length < 2) continue;
    const accs = groups.map((g) => g.accuracy);
    slices.push({ parameter: key, kind: numeric ? 'numeric' : 'categorical', bins: groups, spread: Math.max(...accs) - Math.min(...accs), pValue: independencePValue(groups) });
  }
  const threshold = 0.05 / Math.max(1, slices.length);
  return slices
    .map((slice) => ({ ...slice, significant: slice.pValue < threshold }))
    .sort((a, b) => Number(b.significant) - Number(a.significant) || b.spread - a.spread);
}

/** How a model reads one class of images, and which parameters decide it within that class. */
export interface ClassSlices {
  class: string;
  images: number;
  /** Share of the class's images the model gives their own class. */
  recognised: number;
  /** The other classes it gives them, most often first. */
  readAs: { class: string; count: number }[];
  /** `parameterSlices` of this class's images alone, the `top` most telling. */
  slices: ParameterSlice[];
}

/**
 * `parameterSlices` class by class. Over all classes together, a parameter only one class has (a
 * shirt's collar, say) mostly measures how well that class is recognised; within the class it
 * measures the parameter. Classes without images are left out.
 */
export function classSlices(
  params: unknown[],
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: readonly string[],
  top = 5,
): ClassSlices[] {
  return classes.flatMap((name, k) => {
    const mine = [...params.keys()].filter((i) => labels[i] === k);
    if (mine.length === 0) return [];
    const readAs = new Map<number, number>();
    for (const i of mine) if (predicted[i] !== k) readAs.set(predicted[i]!, (readAs.get(predicted[i]!) ?? 0) + 1);
    const correct = mine.map((i) => predicted[i] === k);
    return [{
      class: name,
      images: mine.length,
      recognised: correct.filter(Boolean).length / mine.length,
      readAs: [...readAs].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c, count]) => ({ class: classes[c]!, count })),
      slices: parameterSlices(mine.map((i) => params[i]), correct).slice(0, top),
    }];
  });
}

/**
 * Pearson's chi-square test that accuracy is the same in every bin, its statistic mapped to a
 * p-value through the Wilson–Hilferty normal approximation (close for the few degrees of freedom
 * here, and needs no incomplete gamma function).
 */
export function independencePValue(bins: readonly SliceBin[]): number {
  const n = bins.reduce((sum, b) => sum + b.count, 0);
  const rate = bins.reduce((sum, b) => sum + b.accuracy * b.count, 0) / n;
  if (bins.length < 2 || rate <= 0 || rate >= 1) return 1;
  const chi2 = bins.reduce((sum, b) => sum + (b.accuracy - rate) ** 2 * b.count, 0) / (rate * (1 - rate));
  const df = bins.length - 1;
  const z = (Math.cbrt(chi2 / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return upperNormalTail(z);
}

/** P(Z > z) for a standard normal Z (Abramowitz & Stegun 7.1.26 for erfc; error below 1.5e-7). */
function upperNormalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

function numericBins(entries: { v: number; ok: boolean }[], bins: number): SliceBin[] {
  const sorted = [...entries].sort((a, b) => a.v - b.v);
  const out: SliceBin[] = [];
  for (let b = 0; b < bins; b++) {
    const part = sorted.slice(Math.floor((b * sorted.length) / bins), Math.floor(((b + 1) * sorted.length) / bins));
    if (part.length === 0) continue;
    const label = `${fmt(part[0]!.v)} – ${fmt(part.at(-1)!.v)}`;
    if (out.at(-1)?.label === label) continue;
    out.push({ label, count: part.length, accuracy: part.filter((e) => e.ok).length / part.length });
  }
  return out;
}

function categoryBins(entries: { v: string; ok: boolean }[], maxCategories: number): SliceBin[] {
  const groups = new Map<string, boolean[]>();
  for (const e of entries) {
    const group = groups.get(e.v);
    if (group) group.push(e.ok);
    else groups.set(e.v, [e.ok]);
  }
  // Values seen a handful of times (sampled colours, say) say nothing; keep the common ones.
  const minCount = Math.max(20, Math.ceil(entries.length / 100));
  return [...groups.entries()]
    .filter(([, oks]) => oks.length >= minCount)
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, maxCategories)
    .map(([v, oks]) => ({ label: shortName(v), count: oks.length, accuracy: oks.filter(Boolean).length / oks.length }));
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2);
}

/** "npm:@fontsource/kalam/files/kalam-latin-400-normal.woff" → "kalam-latin-400-normal.woff". */
function shortName(v: string): string {
  return v.includes('/') ? v.slice(v.lastIndexOf('/') + 1) : v;
}
