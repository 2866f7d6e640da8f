// Handler processes run nicer than eddy (the control plane keeps the CPU when both want it).
import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import { expect, test } from 'vitest';
import { HANDLER_NICENESS, lowerPriority } from '../../../src/services/functions/runtime/priority.js';

test('a started process gets eddy’s priority plus HANDLER_NICENESS (at most 19)', async () => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  try {
    lowerPriority(child.pid);
    expect(getPriority(child.pid)).toBe(Math.min(19, getPriority() + HANDLER_NICENESS));
  } finally {
    child.kill('SIGKILL');
  }
});

test('a process that cannot be reniced (gone, or no pid) is left alone without an error', () => {
  expect(() => lowerPriority(undefined)).not.toThrow();
  expect(() => lowerPriority(2 ** 22 + 12345)).not.toThrow();
});
