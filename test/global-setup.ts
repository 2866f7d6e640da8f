// Builds dist/ once before the suites when it is missing or older than src/, so CLI tests run the
// built `bin/run.js` exactly as users do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  const manifest = join(root, 'oclif.manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestMtime(join(root, 'src'))) return;
  try {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--lenient'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    // Unit suites do not need dist/; the CLI suites will fail on their own and show why.
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    console.warn(`warning: the build failed, CLI tests will fail:\n${output.slice(0, 2000)}`);
  }
}
