#!/usr/bin/env node
// The eddy CLI, from the built sources in dist/. `eddy dev` runs from the build's bundle (one file with
// its own oclif and a V8 code cache, see scripts/build.mjs): it is the command restarted over and over
// (after a crash, in the crash suites), and loading ~650 modules was most of its start.
import { existsSync } from 'node:fs';

const devBundle = new URL('../dist/bundle/dev.js', import.meta.url);
const { execute } =
  process.argv[2] === 'dev' && existsSync(devBundle)
    ? await import(devBundle.href)
    : await import('@oclif/core');

await execute({ dir: import.meta.url });
