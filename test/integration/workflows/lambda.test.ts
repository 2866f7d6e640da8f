// Lambda tasks calling real handlers through the functions service: a function ARN, the lambda:invoke
// envelope, and a handler's errorType caught by name.
import { join } from 'node:path';
import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/temp.js';
import { startWorkflows, type WorkflowsHarness } from './harness.js';

describe('Lambda tasks', () => {
  let h: WorkflowsHarness;
  beforeAll(async () => {
    h = await startWorkflows({ template: join(REPO, 'test/fixtures/workflows-lambda/template.yaml') });
  }, 120_000);
  afterAll(() => h?.stop());

  it('invokes handlers and catches their errorType', async () => {
    const out = await h.sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:flow',
        input: '{"n":3}',
      }),
    );
    expect(out.error).toBeUndefined();
    expect(out.status).toBe('SUCCEEDED');
    const output = JSON.parse(out.output!);
    expect(output.direct).toEqual({ doubled: 6 });
    expect(output.envelope).toEqual({ doubled: 12, status: 200 });
    expect(output.rejected.Error).toBe('OrderRejected');
    expect(JSON.parse(output.rejected.Cause)).toMatchObject({
      errorType: 'OrderRejected',
      errorMessage: 'cannot take 3',
    });
  }, 60_000);
});
