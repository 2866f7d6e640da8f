#!/usr/bin/env node
// `npm create eddy <dir>` runs this: the same as `eddy new <dir>`.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url, args: ['new', ...process.argv.slice(2)] });
