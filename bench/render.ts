/**
 * bench/render: a scene's throughput at 64×64 through the whole pipeline (sample, render, read
 * back, label, encode, write), against the ceiling on this machine: a bare loop inside the same
 * Chromium that renders and reads back the same frames and does nothing else. Both are measured
 * warm: the bare loop after 600 frames per page (every glyph geometry built, shaders compiled), the
 * pipeline after its first 600 images per page, over `--count` images each.
 *
 * A scene with weather or sensor effects is also timed without them (its plain twin, same frames
 * otherwise), alternating, and the ratio printed: what the effects cost in the page.
 *
 *   node dist/bench/render.js [--scene scenes/digits.yaml] [--count 3000] [--concurrency 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../src/render/browser.js';
import { loadScene } from '../src/render/load-scene.js';
import { renderDataset } from '../src/render/render-dataset.js';
import { RenderPage, pageInit } from '../src/render/render-page.js';
import { sampleFrame } from '../src/render/sample-frame.js';
import type { SceneSpec } from '../src/render/scene-schema.js';
import { createRng } from '../src/rng.js';
import { repoRoot } from './bench-helpers.js';

const { values } = parseArgs({
  options: {
    scene: { type: 'string', default: path.join(repoRoot, 'scenes/digits.yaml') },
    count: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string' },
  },
});
const count = Number(values.count);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency ?? os.availableParallelism());
const WARM_FRAMES_PER_PAGE = 600;
const scene = loadScene(path.resolve(values.scene));
const { width, height, antialias } = scene.spec.image;
const { weather, sensor, ...plainTwin } = scene.spec;
const effects = weather !== undefined || sensor !== undefined;

async function ceiling(idPass: boolean, spec: SceneSpec = scene.spec): Promise<number> {
  const browser = await launchBrowser();
  try {
    const pages = await Promise.all(Array.from({ length: concurrency }, () => RenderPage.open(browser, pageInit(scene))));
    const root = createRng(99);
    const frames = Array.from({ length: count }, (_, i) => sampleFrame(spec, root, i));
    // Warm-up: every page builds every glyph geometry and compiles its shaders first.
    await Promise.all(pages.map((p) => p.time(frames.slice(0, WARM_FRAMES_PER_PAGE), idPass)));
    const share = Math.ceil(count / concurrency);
    const started = performance.now();
    await Promise.all(pages.map((p, k) => p.time(frames.slice(k * share, (k + 1) * share), idPass)));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await browser.close();
  }
}

/** Renders warm-up + count images; `steady` is the rate over the images after the warm-up, `overall` over all. */
async function pipeline(): Promise<{ steady: number; overall: number }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'synth-bench-render-'));
  const warm = WARM_FRAMES_PER_PAGE * concurrency;
  try {
    let mark: { done: number; at: number } | undefined;
    let last = { done: 0, at: 0 };
    const summary = await renderDataset({
      scene, out, count: warm + count, seed: 99, concurrency,
      onProgress: ({ done }) => {
        const at = performance.now();
        if (mark === undefined && done >= warm) mark = { done, at };
        last = { done, at };
      },
    });
    const steady = mark ? (last.done - mark.done) / ((last.at - mark.at) / 1000) : summary.imagesPerSecond;
    return { steady, overall: summary.imagesPerSecond };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// Alternate the measurements and take medians, so that load from other processes on this
// 2-core machine falls on both sides alike.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = { rgbOnly: [] as number[], bare: [] as number[], steady: [] as number[], overall: [] as number[], ratio: [] as number[], plain: [] as number[] };
for (let r = 0; r < rounds; r++) {
  if (effects) results.plain.push(await ceiling(true, plainTwin));
  results.rgbOnly.push(await ceiling(false));
  const bare = await ceiling(true);
  const { steady, overall } = await pipeline();
  results.bare.push(bare);
  results.steady.push(steady);
  results.overall.push(overall);
  results.ratio.push(steady / bare);
  console.error(`round ${r + 1}/${rounds}: ceiling ${bare.toFixed(0)} img/s, pipeline ${steady.toFixed(0)} img/s, ratio ${(steady / bare).toFixed(2)}`);
}
console.log(`render_ceiling_rgb img_per_s=${median(results.rgbOnly).toFixed(0)} size=${width}x${height} pages=${concurrency} (render + read back, RGB only)`);
console.log(`render_ceiling img_per_s=${median(results.bare).toFixed(0)} size=${width}x${height} pages=${concurrency} (render + read back, RGB and instance-id passes)`);
console.log(`label_pass_cost=${(median(results.rgbOnly) / median(results.bare)).toFixed(2)} (RGB-only ceiling / ceiling with the label pass: ids, amodal extents, visibility; aim <= 1.6)`);
console.log(`render_pipeline img_per_s=${median(results.steady).toFixed(0)} overall_img_per_s=${median(results.overall).toFixed(0)} count=${count} (after a warm-up of ${WARM_FRAMES_PER_PAGE} images per page, as the ceiling has; overall includes start-up and warm-up)`);
console.log(`ratio_vs_ceiling=${median(results.ratio).toFixed(2)} (median of ${rounds} rounds; aim >= 0.8)`);
if (effects) {
  const slowdown = results.plain.map((p, i) => p / results.bare[i]!);
  console.log(`render_ceiling_plain_twin img_per_s=${median(results.plain).toFixed(0)} (the same scene without weather and sensor)`);
  console.log(`effects_slowdown=${median(slowdown).toFixed(2)} (plain twin's ceiling / this scene's; aim <= 2)`);
}
