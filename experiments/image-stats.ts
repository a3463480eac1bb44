/**
 * Compares the look of digit datasets: grey-level histograms, background level, ink saturation,
 * ink area and mean stroke thickness (ink area / skeleton length, from a Zhang–Suen thinning of
 * the pixels ≥ 128), per dataset and per class.
 *
 *   node dist/experiments/image-stats.js /tmp/hw/mnist:test /tmp/hw/digits [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { type GreySet, loadGrey } from './load-dataset.js';

export interface ImageStats {
  /** Mean grey level of the whole image. */
  mean: number;
  /** Fraction of pixels that are not 0 (exact black). */
  nonZero: number;
  /** Mean of the 3-pixel frame around the image (background level). */
  border: number;
  /** Brightest pixel. */
  max: number;
  /** Pixels ≥ 128. */
  inkArea: number;
  /** Skeleton pixels of the ≥ 128 mask. */
  skeleton: number;
  /** inkArea / skeleton, pixels: the mean stroke width. */
  thickness: number;
  /** Mean value of pixels ≥ 128 (how saturated the ink core is). */
  inkMean: number;
  /** Fraction of non-zero pixels that are ≥ 250. */
  saturated: number;
  /** Width and height of the box of pixels ≥ 64. */
  boxW: number;
  boxH: number;
}

export function imageStats(img: Uint8Array, w: number, h: number): ImageStats {
  let sum = 0, nonZero = 0, border = 0, borderN = 0, max = 0, ink = 0, inkSum = 0, sat = 0;
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = img[y * w + x]!;
      sum += v;
      if (v > 0) nonZero++;
      if (v >= 250) sat++;
      if (x < 3 || y < 3 || x >= w - 3 || y >= h - 3) { border += v; borderN++; }
      max = Math.max(max, v);
      if (v >= 128) { ink++; inkSum += v; mask[y * w + x] = 1; }
      if (v >= 64) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    }
  }
  const skeleton = thin(mask, w, h).reduce((s, v) => s + v, 0);
  return {
    mean: sum / (w * h), nonZero: nonZero / (w * h), border: border / borderN, max, inkArea: ink, skeleton,
    thickness: skeleton > 0 ? ink / skeleton : 0, inkMean: ink > 0 ? inkSum / ink : 0, saturated: nonZero > 0 ? sat / nonZero : 0,
    boxW: x1 >= x0 ? x1 - x0 + 1 : 0, boxH: y1 >= y0 ? y1 - y0 + 1 : 0,
  };
}

/** Zhang–Suen thinning of a 0/1 mask (a copy is thinned). */
export function thin(input: Uint8Array, w: number, h: number): Uint8Array {
  const m = Uint8Array.from(input);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : m[y * w + x]!);
  for (let changed = true; changed;) {
    changed = false;
    for (const step of [0, 1]) {
      const remove: number[] = [];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (!m[y * w + x]) continue;
          const p = [at(x, y - 1), at(x + 1, y - 1), at(x + 1, y), at(x + 1, y + 1), at(x, y + 1), at(x - 1, y + 1), at(x - 1, y), at(x - 1, y - 1)] as const;
          const b = p.reduce((s: number, v) => s + v, 0);
          if (b < 2 || b > 6) continue;
          let a = 0;
          for (let i = 0; i < 8; i++) if (p[i] === 0 && p[(i + 1) % 8] === 1) a++;
          if (a !== 1) continue;
          const [p2, , p4, , p6, , p8] = p;
          if (step === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0) remove.push(y * w + x);
        }
      }
      for (const i of remove) m[i] = 0;
      if (remove.length) changed = true;
    }
  }
  return m;
}

type Summary = Record<keyof ImageStats, number> & { histogram: number[] };

export function summarise(set: GreySet, filter: (i: number) => boolean = () => true): Summary {
  const keys: (keyof ImageStats)[] = ['mean', 'nonZero', 'border', 'max', 'inkArea', 'skeleton', 'thickness', 'inkMean', 'saturated', 'boxW', 'boxH'];
  const acc = Object.fromEntries(keys.map((k) => [k, 0])) as Record<keyof ImageStats, number>;
  const histogram = new Array<number>(8).fill(0);
  let n = 0, nz = 0;
  const per = set.width * set.height;
  for (let i = 0; i < set.count; i++) {
    if (!filter(i)) continue;
    const img = set.pixels.subarray(i * per, (i + 1) * per);
    const s = imageStats(img, set.width, set.height);
    for (const k of keys) acc[k] += s[k];
    for (const v of img) if (v > 0) { histogram[Math.min(7, v >> 5)]!++; nz++; }
    n++;
  }
  for (const k of keys) acc[k] /= n;
  return { ...acc, histogram: histogram.map((c) => c / nz) };
}

function format(name: string, s: Summary): string {
  const f = (v: number, d = 2) => v.toFixed(d);
  return `| ${name} | ${f(s.mean, 1)} | ${f(s.border, 1)} | ${f(s.nonZero)} | ${f(s.max, 0)} | ${f(s.inkMean, 0)} | ${f(s.saturated)} | ${f(s.inkArea, 0)} | ${f(s.thickness)} | ${f(s.boxW, 1)}×${f(s.boxH, 1)} | ${s.histogram.map((v) => f(v * 100, 0)).join(' ')} |`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
  const perClass = args.includes('--per-class');
  const sources = args.filter((a) => !a.startsWith('--'));
  const out: Record<string, unknown> = {};
  console.log('| data | mean | border | non-zero | max | ink core mean | ≥250 of non-zero | ink px (≥128) | stroke width px | box (≥64) | histogram of non-zero % (8 bins of 32) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const source of sources) {
    const [dir, split] = source.split(':') as [string, 'train' | 'test' | undefined];
    const set = await loadGrey(dir, split ?? 'all', 4000);
    const all = summarise(set);
    out[source] = { all };
    console.log(format(source, all));
    if (perClass) {
      for (let c = 0; c < 10; c++) {
        const s = summarise(set, (i) => set.labels[i] === c);
        (out[source] as Record<string, unknown>)[c] = s;
        console.log(format(`  ${c}`, s));
      }
    }
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2));
}

if (process.argv[1]?.endsWith('image-stats.js')) await main();
