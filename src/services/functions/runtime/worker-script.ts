// Where the scripts eddy starts as processes live as runnable JavaScript: the Node.js worker bootstrap
// and the spawner (spawner.ts). From dist/ each is the compiled `.js` file next to this one; from the
// TypeScript sources (tests, tsx) it is bundled once with esbuild into the temp folder, so a forked
// process never needs a TypeScript loader (cold starts stay fast).
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const cached = new Map<string, string>();

/** The absolute path of the worker bootstrap to fork. */
export function workerScriptPath(): string {
  return runtimeScriptPath('worker');
}

/** The absolute path of the spawner script to fork. */
export function spawnerScriptPath(): string {
  return runtimeScriptPath('spawner');
}

function runtimeScriptPath(name: 'worker' | 'spawner'): string {
  const known = cached.get(name);
  if (known && existsSync(known)) return known;
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = join(here, `${name}.js`);
  if (existsSync(compiled)) return remember(name, compiled);
  const source = join(here, `${name}.ts`);
  const stamp = Math.round(statSync(source).mtimeMs).toString(36);
  const dir = join(tmpdir(), 'eddy-runtime');
  const out = join(dir, `${name}-${stamp}.mjs`);
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
  return remember(name, out);
}

function remember(name: string, path: string): string {
  cached.set(name, path);
  return path;
}
