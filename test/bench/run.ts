// Benchmark runner (`npm run bench [-- filter]`): runs every test/bench/*.bench.ts in name order, or
// only those whose name contains the filter. Each default-exports `run()` and prints its own figures;
// one that fails is reported and the others still run (the exit code then says so).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const filter = process.argv[2];
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (filter === undefined || f.includes(filter)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no benchmark matches ${JSON.stringify(filter)}\n`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n# ${file}\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: () => Promise<void> };
    if (typeof mod.default !== 'function') throw new Error('no default-exported run()');
    await mod.default();
  } catch (error) {
    failed++;
    process.stderr.write(
      `✘ ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
// A benchmark may leave servers or workers behind; the run is over either way.
process.exit(failed > 0 ? 1 : 0);
