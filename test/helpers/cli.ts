// Runs the built CLI (bin/run.js) the way users do.
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from './temp.js';

/** The built CLI entry point. */
export const EDDY = join(REPO, 'bin/run.js');

/** Runs `eddy <args>` and resolves with its result, whatever the exit code. */
export function eddy(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return execa(process.execPath, [EDDY, ...args], {
    reject: false,
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
  });
}
