// Builds eddy: compiles src/ to dist/, copies the non-TypeScript assets, and writes the oclif manifest
// so that `eddy --version` and `eddy --help` start without importing every command. The new dist/ is
// built beside the old one and swapped in, so a build never leaves a half-written dist/ for a running test.
// `eddy dev` also gets a bundle with a V8 code cache (bundle-dev.mjs): module loading was most of its start.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';
import { bundleDev, writeDevCodeCache } from './bundle-dev.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = join(root, `.tmp/dist-${process.pid}`);
// --lenient (used by the test setup) keeps tsc's output despite type errors: `npm test` typechecks
// separately, and one half-finished module should not stop every CLI test.
const lenient = process.argv.includes('--lenient');
rmSync(staging, { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', staging],
    { cwd: root, stdio: lenient ? 'pipe' : 'inherit' },
  );
} catch (error) {
  if (!lenient || !existsSync(staging)) throw error;
  console.warn('build: type errors (ignored with --lenient)');
}

/** Copies files tsc does not emit (JSON schemas, the Python bootstrap, ...) from src/ to the build. */
function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(path);
    else if (/\.(json|py|html|css|svg)$/.test(entry.name))
      cpSync(path, join(staging, relative(join(root, 'src'), path)));
  }
}
copyAssets(join(root, 'src'));
const consoleBuild = join(root, 'scripts/build-console.mjs');
if (existsSync(consoleBuild))
  execFileSync(process.execPath, [consoleBuild, staging], { cwd: root, stdio: 'inherit' });

const bundled = await bundleDev(staging);

const dist = join(root, 'dist');
const old = join(root, `.tmp/old-dist-${process.pid}`);
if (existsSync(dist) && statSync(dist).isDirectory()) renameSync(dist, old);
renameSync(staging, dist);
rmSync(old, { recursive: true, force: true });

const plugin = new Plugin({
  root,
  type: 'core',
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
});
await plugin.load();
if (bundled) {
  // oclif imports a command from the manifest's relativePath: `eddy dev` loads the bundle.
  plugin.manifest.commands.dev.relativePath = ['dist', 'bundle', 'dev.js'];
  writeDevCodeCache(root);
}
const manifestTmp = join(root, `.tmp/manifest-${process.pid}.json`);
writeFileSync(manifestTmp, JSON.stringify(plugin.manifest, null, 2) + '\n');
renameSync(manifestTmp, join(root, 'oclif.manifest.json'));
console.log(`built dist/ and oclif.manifest.json (${Object.keys(plugin.manifest.commands).length} commands)`);
