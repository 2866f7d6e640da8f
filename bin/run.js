#!/usr/bin/env node
// The eddy CLI, from the built sources in dist/. `eddy dev` runs from the build's bundle (one file with
// its own oclif and a V8 code cache, see scripts/build.mjs): it is the command restarted over and over
// (after a crash, in the crash suites), and loading ~650 modules was most of its start.
import { existsSync } from 'node:fs';

// This entry runs the built dist/ only. Without this, oclif looks for TypeScript sources to transpile
// whenever NODE_ENV is "test" or "development" (vitest sets "test"), loading typescript and tsx: it
// doubled `eddy dev`'s start in every test that spawns it. bin/dev.js is the entry for the sources.
globalThis.oclif = { ...globalThis.oclif, enableAutoTranspile: false };

const devBundle = new URL('../dist/bundle/dev.js', import.meta.url);
const { execute } =
  process.argv[2] === 'dev' && existsSync(devBundle)
    ? await import(devBundle.href)
    : await import('@oclif/core');

await execute({ dir: import.meta.url });
