// State machine operations through the unmodified @aws-sdk/client-sfn.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, startWorkflows, type WorkflowsHarness } from './harness.js';

const PASS = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });

describe('state machines', () => {
  let h: WorkflowsHarness;
  beforeAll(async () => {
    h = await startWorkflows();
  }, 60_000);
  afterAll(() => h?.stop());

  it('creates, describes, lists, updates and deletes', async () => {
    const created = await h.sfn.send(
      new CreateStateMachineCommand({ name: 'm1', definition: PASS, roleArn: ROLE }),
    );
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:m1');
    expect(created.creationDate).toBeInstanceOf(Date);
    // Idempotent with the same settings; a different definition conflicts.
    await h.sfn.send(new CreateStateMachineCommand({ name: 'm1', definition: PASS, roleArn: ROLE }));
    const other = JSON.stringify({ StartAt: 'B', States: { B: { Type: 'Succeed' } } });
    await expect(
      h.sfn.send(new CreateStateMachineCommand({ name: 'm1', definition: other, roleArn: ROLE })),
    ).rejects.toMatchObject({
      name: 'StateMachineAlreadyExists',
    });
    const described = await h.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(described).toMatchObject({
      name: 'm1',
      type: 'STANDARD',
      status: 'ACTIVE',
      definition: PASS,
      roleArn: ROLE,
    });
    const listed = await h.sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name)).toContain('m1');
    const updated = await h.sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: other }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(
      (await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })))
        .definition,
    ).toBe(other);
    await h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await expect(
      h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
    ).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${created.stateMachineArn}'`,
    });
  });

  it('rejects invalid definitions, names and ARNs as AWS does', async () => {
    const bad = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
    const error = await h.sfn
      .send(new CreateStateMachineCommand({ name: 'bad', definition: bad, roleArn: ROLE }))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'InvalidDefinition' });
    expect((error as Error).message).toMatch(
      /^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/,
    );
    await expect(
      h.sfn.send(new CreateStateMachineCommand({ name: 'has space', definition: PASS, roleArn: ROLE })),
    ).rejects.toMatchObject({
      name: 'InvalidName',
    });
    await expect(
      h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'nope' })),
    ).rejects.toMatchObject({ name: 'InvalidArn' });
  });

  it('validates definitions with diagnostics', async () => {
    const ok = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [] });
    const bad = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
    const fail = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: bad }));
    expect(fail.result).toBe('FAIL');
    expect(fail.diagnostics?.[0]).toMatchObject({ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET' });
  });
});
