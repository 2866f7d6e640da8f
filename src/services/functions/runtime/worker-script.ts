// Where the Node.js worker bootstrap lives as runnable JavaScript. From dist/ it is the compiled
// `worker.js` next to this file; from the TypeScript sources (tests, tsx) it is bundled once with esbuild
// into the temp folder, so a forked instance never needs a TypeScript loader (cold starts stay fast).
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

let cached: string | undefined;

/** The absolute path of the worker bootstrap to fork. */
export function workerScriptPath(): string {
  if (cached && existsSync(cached)) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = join(here, 'worker.js');
  if (existsSync(compiled)) return (cached = compiled);
  const source = join(here, 'worker.ts');
  const stamp = Math.round(statSync(source).mtimeMs).toString(36);
  const dir = join(tmpdir(), 'eddy-runtime');
  const out = join(dir, `worker-${stamp}.mjs`);
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    buildSync({
      entryPoints: [source],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    // Rename so parallel test workers never fork a half-written file.
    renameSync(tmp, out);
  }
  return (cached = out);
}
