/**
 * One row per stroke template: first the bare template (no jitter, warp, slant or pressure), then
 * samples with the given style.
 * node dist/experiments/template-sheet.js sheet.png [style.yaml] [template-name-regex]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DIGIT_TEMPLATES, HandwritingStyle, handwritingStrokes, rasteriseStrokes, sampleHandwriting } from '../src/render/shapes/handwriting/index.js';
import { createRng } from '../src/rng.js';
import { writeContactSheet } from './contact-sheet.js';

const [sheet, styleFile, only] = process.argv.slice(2);
if (!sheet) throw new Error('usage: template-sheet.js SHEET.png [STYLE.yaml]');
const style = HandwritingStyle.parse(styleFile && styleFile !== '-' ? parse(readFileSync(styleFile, 'utf8')) : {});
const bare = HandwritingStyle.parse({ jitter: 0, warp: 0, slant: 0, rotation: 0, aspect: 1, width: 0.13, pressure: 0, taper: 0 });
const tiles = DIGIT_TEMPLATES.filter((t) => !only || new RegExp(only).test(t.name)).flatMap((template) => {
  const only = (s: HandwritingStyle): HandwritingStyle => ({ ...s, templates: { ...Object.fromEntries(DIGIT_TEMPLATES.map((t) => [t.name, 0])), [template.name]: 1 } });
  return [only(bare), ...Array<HandwritingStyle>(11).fill(only(style))].map((s, k) => ({
    pixels: rasteriseStrokes(handwritingStrokes(sampleHandwriting(s, createRng(1).fork(k), template.digit), s.samplesPerSegment)).pixels,
    caption: String(template.digit),
  }));
});
writeContactSheet(sheet, tiles, { columns: 12, scale: only ? 4 : 2 });
