#!/usr/bin/env node
// The eddy CLI, from the built sources in dist/.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
