// The built CLI, run as users run it: version, help, error rendering and exit codes, dev + tail.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { EDDY, eddy } from '../../helpers/cli.js';
import { copyTemplate, tempDir } from '../../helpers/temp.js';

describe('eddy CLI', () => {
  test('--version prints the version', async () => {
    const result = await eddy(['--version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^eddy\/0\.1\.0 /);
  });

  test('--help lists the commands and topics', async () => {
    const result = await eddy(['--help']);
    expect(result.exitCode).toBe(0);
    for (const word of ['dev', 'tail', 'new', 'validate', 'patterns']) expect(result.stdout).toContain(word);
  });

  test('a user error prints what happened and how to fix it, exit 1, no stack trace', async () => {
    const cwd = tempDir();
    const result = await eddy(['dev', '--template', 'missing.yaml', '--in-memory'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^✘ TEMPLATE_NOT_FOUND: No template at .*missing\.yaml\n→ /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('--json renders a user error as JSON', async () => {
    const cwd = tempDir();
    const result = await eddy(['validate', '--json'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).error.code).toBe('TEMPLATE_NOT_FOUND');
  });

  test('a usage error exits 2', async () => {
    const result = await eddy(['dev', '--port', 'abc']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/✘ USAGE: /);
  });

  test('tail says clearly when no server is running', async () => {
    const result = await eddy(['tail', '--endpoint', 'http://127.0.0.1:9']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('✘ NOT_RUNNING: No eddy dev is answering at http://127.0.0.1:9');
  });
});

describe('eddy dev + eddy tail --json', () => {
  const project = copyTemplate('minimal');
  const dev = execa(process.execPath, [EDDY, 'dev', '--port', '0'], { cwd: project, env: { NO_COLOR: '1' } });
  // Listen from the start: execa reads stdout too, so a listener added later would miss the banner.
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    dev.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/local cloud on http:\/\/127\.0\.0\.1:\d+[\s\S]*HelloFunction/.test(out)) resolve(out);
    });
    dev.catch(reject);
  });
  afterAll(async () => {
    dev.kill('SIGTERM');
    await dev.catch(() => undefined);
  });

  test('tail receives the reload records of a template edit', async () => {
    const out = await ready;
    expect(out).toContain('HelloFunction');
    const tail = execa(process.execPath, [EDDY, 'tail', '--json', '--since', '0', '--limit', '2'], {
      cwd: project,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const file = join(project, 'template.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Resources:\n', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n'),
    );
    const { stdout } = await tail;
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => r.kind)).toEqual(['reload', 'reload']);
    expect(records[1].payload.resources).toBe(records[0].payload.resources + 1);
  }, 120_000);

  test('tail --pattern shows only the events the pattern matches', async () => {
    const tail = execa(
      process.execPath,
      [EDDY, 'tail', '--json', '--kinds', 'events', '--pattern', '{"detail":{"n":[2]}}', '--limit', '1'],
      { cwd: project },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const n of [1, 2]) {
      const put = await execa(
        process.execPath,
        [
          EDDY,
          'events',
          'put',
          '--source',
          'cli.test',
          '--detail-type',
          'N',
          '--detail',
          JSON.stringify({ n }),
        ],
        { cwd: project },
      );
      expect(put.exitCode).toBe(0);
    }
    const { stdout } = await tail;
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => [r.kind, r.payload.event.detail.n])).toEqual([['event', 2]]);
  }, 120_000);

  test("tail --pattern with an invalid pattern gives AWS's reason", async () => {
    const result = await eddy(['tail', '--pattern', '{"a":"b"}'], { cwd: project });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('✘ InvalidEventPatternException: Event pattern is not valid. Reason: ');
  });
});
