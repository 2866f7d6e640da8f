// Builds eddy: compiles src/ to dist/, bundles the console, and writes the oclif manifest so that
// `eddy --version` and `eddy --help` start without importing every command.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'oclif.manifest.json'), { force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const consoleBuild = join(root, 'scripts/build-console.mjs');
if (existsSync(consoleBuild)) execFileSync(process.execPath, [consoleBuild], { cwd: root, stdio: 'inherit' });
const plugin = new Plugin({
  root,
  type: 'core',
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
});
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify(plugin.manifest, null, 2) + '\n');
console.log(`built dist/ and oclif.manifest.json (${Object.keys(plugin.manifest.commands).length} commands)`);
