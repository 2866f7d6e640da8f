// `eddy workflows start` against a running eddy: --wait draws the path (with retries and the failing
// state) and prints the output or the error; --json returns the same as data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, REPO } from '../../helpers/temp.js';
import { ROLE, startWorkflows, type WorkflowsHarness } from './harness.js';

function eddy(args: string[]) {
  return execa(process.execPath, ['--import', 'tsx', join(REPO, 'bin/dev.js'), ...args], {
    reject: false,
    env: { NO_COLOR: '1' },
  });
}

describe('eddy workflows start', () => {
  let h: WorkflowsHarness;
  beforeAll(async () => {
    h = await startWorkflows();
    await h.sfn.send(
      new CreateStateMachineCommand({
        name: 'greet',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Hello',
          States: {
            Hello: { Type: 'Pass', Parameters: { 'msg.$': "States.Format('hi {}', $.who)" }, Next: 'Check' },
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.msg', StringEquals: 'hi fail', Next: 'Flaky' }],
              Default: 'Done',
            },
            Flaky: {
              Type: 'Task',
              Resource: 'arn:aws:states:::dynamodb:getItem',
              Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }],
              End: true,
            },
            Done: { Type: 'Succeed' },
          },
        }),
      }),
    );
  }, 60_000);
  afterAll(() => h?.stop());

  it('--wait prints the path and the output', async () => {
    const file = join(tempDir(), 'input.json');
    writeFileSync(file, '{"who":"ada"}');
    const result = await eddy([
      'workflows',
      'start',
      'greet',
      '--input',
      `@${file}`,
      '--wait',
      '--endpoint',
      h.eddy.endpoint,
    ]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/✔ greet SUCCEEDED/);
    expect(result.stdout).toMatch(
      /├ Hello\s+Pass\s+\d+ ms\n\s+├ Check\s+Choice\s+\d+ ms\n\s+└ Done\s+Succeed/,
    );
    expect(result.stdout).toContain('"msg": "hi ada"');
  }, 60_000);

  it('--wait --json shows retries and the failing state; exit 1', async () => {
    const result = await eddy([
      'workflows',
      'start',
      'greet',
      '--input',
      '{"who":"fail"}',
      '--wait',
      '--json',
      '--endpoint',
      h.eddy.endpoint,
    ]);
    expect(result.exitCode).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(out.path.at(-1)).toMatchObject({ state: 'Flaky', type: 'Task', retries: 1, failed: true });
  }, 60_000);

  it('names a missing machine and lists the running ones', async () => {
    const result = await eddy(['workflows', 'start', 'nope', '--endpoint', h.eddy.endpoint]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/STATE_MACHINE_NOT_FOUND: No state machine named 'nope'[\s\S]*greet/);
  }, 60_000);
});
