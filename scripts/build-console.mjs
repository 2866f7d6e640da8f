// Bundles the browser console (src/console) with esbuild into <outDir>/console: main.js, console.css and
// index.html. Called by scripts/build.mjs with the dist folder being built; fails when the first-load
// JavaScript passes the 300 KB budget of the console issue.
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** First-load JavaScript budget in bytes. */
export const BUDGET_BYTES = 300 * 1024;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv[2];
if (!outArg) {
  console.error('usage: node scripts/build-console.mjs <outDir>');
  process.exit(2);
}
const outDir = join(resolve(outArg), 'console');
const src = join(root, 'src/console');
mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(src, 'main.ts')],
  outfile: join(outDir, 'main.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(src, 'index.html'), join(outDir, 'index.html'));
copyFileSync(join(src, 'console.css'), join(outDir, 'console.css'));
const size = statSync(join(outDir, 'main.js')).size;
// The budget is on the bytes the browser parses; the gzipped size is what crosses the wire.
const gzipped = gzipSync(readFileSync(join(outDir, 'main.js'))).length;
console.log(
  `console: main.js ${(size / 1024).toFixed(1)} KB of JavaScript, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`,
);
if (size > BUDGET_BYTES) {
  console.error(`console: the first-load JavaScript (${size} bytes) is over the ${BUDGET_BYTES} byte budget`);
  process.exit(1);
}
