// Bundles the in-browser render runtime (Three.js included) into one script the page loads.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/render/page/runtime.ts'],
  outfile: 'dist/page/runtime.js',
  bundle: true,
  format: 'iife',
  target: 'chrome120',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
