// Summarises `synth eval --json` output: accuracy, per-class recall, the largest confusions.
// Usage: node summarise.mjs eval.json [label]
import { readFileSync } from 'node:fs';
const [file, label = ''] = process.argv.slice(2);
const r = JSON.parse(readFileSync(file, 'utf8'));
const classes = r.classes ?? r.perClass.map((c) => c.class ?? c.name);
const pc = r.perClass;
const recall = pc.map((c) => c.recall);
const conf = r.confusion; // rows: true, cols: predicted
const pairs = [];
for (let i = 0; i < conf.length; i++) for (let j = 0; j < conf.length; j++) if (i !== j) pairs.push([conf[i][j], classes[i], classes[j]]);
pairs.sort((a, b) => b[0] - a[0]);
console.log(`${label} accuracy ${(100 * r.accuracy).toFixed(2)}%`);
console.log('recall: ' + classes.map((c, i) => `${c} ${(100 * recall[i]).toFixed(0)}`).join(', '));
console.log('top confusions (true→pred): ' + pairs.slice(0, 8).map(([n, a, b]) => `${a}→${b} ${n}`).join(', '));
