import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../package-dir.js';
import type { GapReport } from './gap-report.js';

const METHOD_LABELS: Record<GapReport['headline']['savings'][number]['method'], string> = {
  'mixed': 'mixed',
  'fine-tune': 'fine-tune',
  'self-trained': 'self-trained (the rest of the real images unlabelled)',
  'consistency': 'consistency-trained (all the real images unlabelled too)',
};

/**
 * One self-contained page for a gap report: the headline, the data-efficiency curve, per-class and
 * per-parameter bar charts (Chart.js, inlined), confusion matrices, and sample grids. It needs no
 * network; every chart sets data-rendered="true" on its canvas once drawn (the report test checks).
 */
export function renderGapHtml(report: GapReport): string {
  const chartJs = readFileSync(path.join(packageDir('chart.js')!, 'dist', 'chart.umd.min.js'), 'utf8');
  const data = JSON.stringify(report).replace(/</g, '\\u003c');
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const h = report.headline;
  const seeds = report.config.seeds;
  // With several seeds every accuracy is a mean; its standard deviation follows it.
  const sd = (std: number) => (seeds > 1 ? ` <span class="muted">± ${(100 * std).toFixed(1)}</span>` : '');
  const savings = h.savings
    .map((s) => `<tr><td>${pct(s.realFraction)} real, ${METHOD_LABELS[s.method]}</td><td>${pct(s.accuracy)}${sd(s.std)}</td><td>${s.equivalentRealFraction === null ? 'more than all real data' : pct(s.equivalentRealFraction)}</td></tr>`)
    .join('');
  const runs = report.runs
    .map((r) => `<tr><td>${esc(r.name)}</td>${seeds > 1 ? `<td>${r.seed}</td>` : ''}<td>${r.kind}</td><td>${r.realImages}</td><td>${r.syntheticImages}</td><td>${r.epochs}</td><td>${r.seconds.toFixed(0)} s</td><td><b>${pct(r.accuracy)}</b></td></tr>`)
    .join('');
  const pseudo = report.runs.filter((r) => r.pseudoLabels !== null)
    .map((r) => {
      const p = r.pseudoLabels!;
      const warm = (r.round ?? 1) > 1 && report.config.warmStartEpochs !== null ? ', started from the previous round\'s student' : '';
      const round = (report.config.selfTrainRounds ?? 1) > 1 ? ` (round ${r.round}${warm})` : '';
      return `<li>${esc(r.name)}${seeds > 1 ? `, seed ${r.seed}` : ''}${round}: kept ${p.images} of ${p.unlabelled} unlabelled images (probability ≥ ${p.threshold}), ${pct(p.accuracy)} of them right; ${p.labelled} labelled (${esc(p.dataset)})</li>`;
    })
    .join('');
  const consistency = report.runs.filter((r) => r.unlabelled !== null)
    .map((r) => `<li>${esc(r.name)}${seeds > 1 ? `, seed ${r.seed}` : ''}: ${r.unlabelled!.images} unlabelled images, ${r.unlabelled!.ratio} per labelled one in a batch; in the last epoch ${pct(r.unlabelled!.kept)} of them reached probability ${r.unlabelled!.confidence}${r.unlabelled!.adaptive ? ' or their class\'s lower bar' : ''}</li>`)
    .join('');
  const classRows = [...(report.classSlices ?? [])]
    .sort((a, b) => a.recognised - b.recognised)
    .map((c) => {
      const readAs = c.readAs.slice(0, 3).map((r) => `${esc(r.class)} ${pct(r.count / c.images)}`).join(', ') || '—';
      const telling = c.slices.filter((s) => s.significant).slice(0, 3).map((s) => {
        const worst = s.bins.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
        const best = s.bins.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
        return `<b>${esc(s.parameter)}</b> ${esc(worst.label)}: ${pct(worst.accuracy)} (${worst.count}) … ${esc(best.label)}: ${pct(best.accuracy)} (${best.count})`;
      }).join('<br>') || '<span class="muted">nothing beyond chance</span>';
      return `<tr><td>${esc(c.class)}</td><td class="nowrap">${pct(c.recognised)} of ${c.images}</td><td class="left">${readAs}</td><td class="left">${telling}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>synth gap report: ${esc(report.synthetic.name)} vs ${esc(report.real.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1d2433; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #dde; padding-bottom: .2rem; }
.muted { color: #667; } .headline { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.2rem 0; }
.card { border: 1px solid #dde; border-radius: 8px; padding: .8rem 1.1rem; min-width: 180px; }
.card b { display: block; font-size: 1.9rem; } table { border-collapse: collapse; margin: .6rem 0; }
td, th { padding: .25rem .6rem; border-bottom: 1px solid #eef; text-align: right; } td:first-child, th:first-child, .left { text-align: left; } .nowrap { white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1.2rem; }
.chart { position: relative; height: 300px; } .grid img { width: 42px; height: 42px; image-rendering: pixelated; margin: 1px; }
.grid figure { display: inline-block; margin: 2px; text-align: center; font-size: 11px; } .confusion td { width: 2.4em; text-align: center; }
</style></head><body>
<h1>How far is <i>${esc(report.synthetic.name)}</i> from <i>${esc(report.real.name)}</i>?</h1>
<p class="muted">${report.synthetic.images} synthetic images (${esc(report.synthetic.dir)}), ${report.real.trainImages} real training and
${report.real.testImages} real test images (${esc(report.real.dir)}). Every accuracy is on the real test split. Model: ${esc(report.config.model)},
backend: ${esc(report.config.backend)}${report.config.ema ? `, each model the moving average of its weights (decay ${report.config.ema})` : ''}${report.config.labelSmoothing ? `, label smoothing ${report.config.labelSmoothing}` : ''}${report.config.lrSchedule === 'cosine' ? ', the learning rate decayed to 0 along a cosine over each run' : ''}, ${report.createdAt}.${report.config.augment
    ? ` Synthetic images augmented on the fly with ${esc(report.config.augment.file)}.` : ''}${report.config.augmentReal
    ? ` Real training images augmented on the fly with ${esc(report.config.augmentReal.file)}, in every run.` : ''}${seeds > 1
    ? ` Every run trained with ${seeds} seeds (${report.config.seed}–${report.config.seed + seeds - 1}: initial weights, batch order and real subset):
accuracies are means ± standard deviation; confusion matrices, samples, KID and slices are the first seed's.` : ''}</p>
<div class="headline">
  <div class="card">real only<b>${pct(h.realOnly)}${sd(h.realOnlyStd)}</b></div>
  <div class="card">synthetic only<b>${pct(h.syntheticOnly)}${sd(h.syntheticOnlyStd)}</b></div>
  <div class="card">gap<b>${(100 * h.gap).toFixed(1)} pts</b></div>
  <div class="card">domain classifier<b>${pct(report.domainClassifier.accuracy)}</b><span class="muted">50% = indistinguishable</span></div>
  <div class="card">KID<b>${report.kid.value.toFixed(4)}</b><span class="muted">0 = same embeddings</span></div>
</div>
<h2>What the synthetic data is worth</h2>
<table><tr><th>training data</th><th>accuracy</th><th>real data alone needed for it</th></tr>${savings}</table>
<div class="charts"><div class="chart"><canvas id="curve"></canvas></div><div class="chart"><canvas id="perclass"></canvas></div></div>
<h2>Runs</h2>
<table><tr><th>run</th>${seeds > 1 ? '<th>seed</th>' : ''}<th>kind</th><th>real images</th><th>synthetic images</th><th>epochs</th><th>time</th><th>accuracy</th></tr>${runs}</table>
${pseudo ? `<p class="muted">Self-trained runs: the same fraction's mixed and fine-tuned models label the rest of the real training images, whose labels are held back;
the student trains on the synthetic images blended with the labelled and the kept pseudo-labelled images.</p><ul>${pseudo}</ul>` : ''}
${consistency ? `<p class="muted">Consistency-trained runs: the mixed run's data, and every real training image without its label. At each step the model labels
the clean images it is sure of and learns those labels on strongly augmented views of them (FixMatch). Each starts from its mixed run's model.</p><ul>${consistency}</ul>` : ''}
<h2>Confusion matrices</h2>
<div class="charts"><div id="confusion-real"></div><div id="confusion-synthetic"></div></div>
<h2>Which scene parameters help or hurt</h2>
<p class="muted">Accuracy of the real-trained model on synthetic images, by each sampled parameter: ranges where it drops look least like real data.
Over all classes together, a parameter that only one class has mostly measures how well that class is recognised; the table below slices each class alone.</p>
<div class="charts" id="slices"></div>
<h3>Within each class</h3>
<p class="muted">Each class's synthetic images, the least recognised first: how often the real-trained model gives them their class, what it takes
them for instead, and the parameters that decide it beyond chance (the worst range or value, then the best, with their image counts).</p>
<table id="class-slices"><tr><th>class</th><th>recognised</th><th class="left">read as</th><th class="left">what decides it</th></tr>${classRows}</table>
<h2>Samples</h2>
<div class="charts"><div><h3>synthetic</h3><div class="grid" id="samples-synthetic"></div></div><div><h3>real</h3><div class="grid" id="samples-real"></div></div></div>
<h3>Real test images the synthetic-only model gets wrong</h3><div class="grid" id="samples-misclassified"></div>
<script>${chartJs}</script>
<script>
const report = ${data};
const pct = (x) => (100 * x).toFixed(1) + '%';
const rendered = (canvas) => () => canvas.setAttribute('data-rendered', 'true');
function chart(canvas, config) {
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  config.plugins = [{ id: 'mark', afterRender: rendered(canvas) }];
  return new Chart(canvas, config);
}
const points = (curve) => curve.map((p) => ({ x: Math.max(1, p.realImages), y: 100 * p.accuracy }));
chart(document.getElementById('curve'), {
  type: 'line',
  data: { datasets: [
    { label: 'real only', data: points(report.curves.realOnly), borderColor: '#1f77b4' },
    { label: 'synthetic + real (mixed)', data: points(report.curves.mixed), borderColor: '#ff7f0e' },
    { label: 'synthetic, then fine-tuned on real', data: points(report.curves.fineTune), borderColor: '#2ca02c' },
    ...(report.curves.selfTrained.length > 0 ? [{ label: 'self-trained: the rest of the real images unlabelled', data: points(report.curves.selfTrained), borderColor: '#d62728' }] : []),
    ...(report.curves.consistency.length > 0 ? [{ label: 'consistency-trained: all the real images, unlabelled too', data: points(report.curves.consistency), borderColor: '#9467bd' }] : []),
    { label: 'synthetic only', data: points(report.curves.realOnly).map((p) => ({ x: p.x, y: 100 * report.headline.syntheticOnly })), borderColor: '#999', borderDash: [6, 4], pointRadius: 0 },
    ...(report.config.seeds > 1 ? [['real-only', '#1f77b4'], ['mixed', '#ff7f0e'], ['fine-tune', '#2ca02c'], ['self-trained', '#d62728'], ['consistency', '#9467bd']].map(([kind, colour]) => ({
      type: 'scatter', label: kind + ', each seed', backgroundColor: colour, pointRadius: 2,
      data: report.runs.filter((r) => r.kind === kind).map((r) => ({ x: Math.max(1, r.realImages), y: 100 * r.accuracy })),
    })) : []),
  ] },
  options: { plugins: { title: { display: true, text: 'Accuracy against real training images used' + (report.config.seeds > 1 ? ' (lines: means; dots: each seed)' : '') },
    legend: { labels: { filter: (item) => !item.text.endsWith(', each seed') } } },
    scales: { x: { type: 'logarithmic', title: { display: true, text: 'real training images' } }, y: { title: { display: true, text: 'accuracy on real test (%)' } } } },
});
chart(document.getElementById('perclass'), {
  type: 'bar',
  data: { labels: report.perClassGap.map((c) => c.class), datasets: [
    { label: 'real only', data: report.perClassGap.map((c) => 100 * c.realOnly), backgroundColor: '#1f77b4' },
    { label: 'synthetic only', data: report.perClassGap.map((c) => 100 * c.syntheticOnly), backgroundColor: '#ff7f0e' },
  ] },
  options: { plugins: { title: { display: true, text: 'Recall per class (%)' } } },
});
for (const slice of report.slices.slice(0, 8)) {
  const box = document.createElement('div');
  box.className = 'chart';
  const canvas = document.createElement('canvas');
  canvas.className = 'slice';
  box.appendChild(canvas);
  document.getElementById('slices').appendChild(box);
  chart(canvas, {
    type: 'bar',
    data: { labels: slice.bins.map((b) => b.label), datasets: [{ label: 'accuracy (%)', data: slice.bins.map((b) => 100 * b.accuracy), backgroundColor: '#8c6bb1' }] },
    options: { indexAxis: slice.kind === 'categorical' ? 'y' : 'x', plugins: { legend: { display: false },
      title: { display: true, text: slice.parameter + ' (spread ' + (100 * slice.spread).toFixed(1) + ' pts' + (slice.significant ? '' : ', within chance') + ')' } } },
  });
}
const firstSeed = report.runs.filter((r) => r.seed === null || r.seed === report.config.seed);
function confusion(id, runName) {
  const run = firstSeed.find((r) => r.name === runName);
  const max = Math.max(...run.confusion.flat());
  const rows = run.confusion.map((row, t) => '<tr><th>' + report.classes[t] + '</th>' + row.map((n) =>
    '<td style="background: rgba(31,119,180,' + (n / max).toFixed(3) + '); color:' + (n / max > 0.5 ? '#fff' : '#000') + '">' + n + '</td>').join('') + '</tr>').join('');
  document.getElementById(id).innerHTML = '<h3>' + runName + ' (' + pct(run.accuracy) + ')</h3><table class="confusion"><tr><th>true \\\\ predicted</th>' +
    report.classes.map((c) => '<th>' + c + '</th>').join('') + '</tr>' + rows + '</table>';
}
confusion('confusion-real', firstSeed.filter((r) => r.kind === 'real-only').at(-1).name);
confusion('confusion-synthetic', 'synthetic-only');
function grid(id, samples, caption) {
  document.getElementById(id).innerHTML = samples.map((s) => '<figure><img alt="" src="data:image/png;base64,' + s.png + '"><figcaption>' + caption(s) + '</figcaption></figure>').join('');
}
grid('samples-synthetic', report.samples.synthetic, (s) => report.classes[s.label]);
grid('samples-real', report.samples.real, (s) => report.classes[s.label]);
grid('samples-misclassified', report.samples.misclassified, (s) => report.classes[s.label] + '→' + report.classes[s.predicted]);
</script></body></html>
`;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
