#!/usr/bin/env -S node --import tsx
// The eddy CLI from the TypeScript sources, for working on eddy itself.
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
