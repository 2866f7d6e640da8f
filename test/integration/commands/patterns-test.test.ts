// `eddy patterns test` through the built CLI: exit 0 on a match, 1 on no match, 2 on an invalid
// pattern with AWS's message; --json prints the result; @file reads relative to the working directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { eddy } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp.js';

const patternsTest = (pattern: unknown, event: unknown, extra: string[] = [], cwd?: string) =>
  eddy(
    ['patterns', 'test', '--pattern', JSON.stringify(pattern), '--event', JSON.stringify(event), ...extra],
    { cwd },
  );

describe('eddy patterns test', () => {
  test('a match exits 0 (numbers compare numerically)', async () => {
    const result = await patternsTest({ a: [300] }, { a: 300.0 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('matches');
  });

  test('no match exits 1', async () => {
    const result = await patternsTest({ a: [{ 'anything-but': 'x' }] }, { b: 'y' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('does not match');
  });

  test("an invalid pattern exits 2 with AWS's message", async () => {
    const result = await patternsTest({ int: 42 }, { a: 1 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'Event pattern is not valid. Reason: "int" must be an object or an array',
    );
  });

  test('--json prints the result', async () => {
    const ok = await patternsTest({ a: [{ prefix: 'x' }] }, { a: 'xy' }, ['--json']);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ match: true });
    const bad = await patternsTest({ a: [] }, { a: 'xy' }, ['--json']);
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({
      match: false,
      reason: 'Event pattern is not valid. Reason: Empty arrays are not allowed',
    });
  });

  test('@file reads the pattern and the event relative to the working directory', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'events'));
    writeFileSync(join(cwd, 'pattern.json'), JSON.stringify({ detail: { items: { sku: ['A'], qty: [2] } } }));
    writeFileSync(
      join(cwd, 'events/same.json'),
      JSON.stringify({ detail: { items: [{ sku: 'A', qty: 2 }] } }),
    );
    writeFileSync(
      join(cwd, 'events/split.json'),
      JSON.stringify({
        detail: {
          items: [
            { sku: 'A', qty: 1 },
            { sku: 'B', qty: 2 },
          ],
        },
      }),
    );
    const same = await eddy(
      ['patterns', 'test', '--pattern', '@pattern.json', '--event', '@events/same.json'],
      { cwd },
    );
    expect(same.exitCode).toBe(0);
    const split = await eddy(
      ['patterns', 'test', '--pattern', '@pattern.json', '--event', '@events/split.json'],
      { cwd },
    );
    expect(split.exitCode).toBe(1);
    const missing = await eddy(
      ['patterns', 'test', '--pattern', '@nope.json', '--event', '@events/same.json'],
      { cwd },
    );
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('FILE_NOT_READABLE');
  });
});
