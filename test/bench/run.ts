// Benchmark runner (`npm run bench [-- filter]`): runs every test/bench/*.bench.ts in name order, or
// only those whose name contains the filter. Each default-exports `run()` and prints its own figures.
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
for (const file of files) {
  process.stdout.write(`\n# ${file}\n`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<void> };
  await mod.default();
}
