// The executions store: transitions and history recorded in order, RUNNING executions found for resume,
// finished ones keep their history and lose their transition.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/database.js';
import { executionsFamily, ExecutionStore, type ExecutionRow } from '../../../src/store/executions.js';

function row(arn: string): ExecutionRow {
  return {
    arn,
    stateMachineArn: 'arn:aws:states:us-east-1:0:stateMachine:m',
    name: arn.split(':').pop()!,
    status: 'RUNNING',
    definition: '{}',
    input: '{"a":1}',
    startDate: 1000,
    traceId: 't',
    revision: 'r1',
  };
}

describe('ExecutionStore', () => {
  it('records transitions, resumes RUNNING executions and finishes them', () => {
    const store = openStore({ inMemory: true });
    store.migrate(executionsFamily);
    const executions = new ExecutionStore(store.db);
    executions.insertExecution(row('arn:x:e1'));
    executions.insertExecution(row('arn:x:e2'));
    executions.recordTransition('arn:x:e1', [{ id: 1 }, { id: 2 }], {
      stateName: 'A',
      input: 1,
      variables: {},
    });
    executions.recordTransition('arn:x:e1', [{ id: 3 }], { stateName: 'B', input: 2, variables: { v: 1 } });
    expect(executions.transition('arn:x:e1')).toEqual({ stateName: 'B', input: 2, variables: { v: 1 } });
    expect(executions.events<{ id: number }>('arn:x:e1').map((e) => e.id)).toEqual([1, 2, 3]);
    expect(executions.running().map((r) => r.arn)).toEqual(['arn:x:e1', 'arn:x:e2']);

    executions.finish('arn:x:e1', [{ id: 4 }], { status: 'SUCCEEDED', output: '"done"', stopDate: 2000 });
    expect(executions.running().map((r) => r.arn)).toEqual(['arn:x:e2']);
    expect(executions.transition('arn:x:e1')).toBeUndefined();
    expect(executions.execution('arn:x:e1')).toMatchObject({
      status: 'SUCCEEDED',
      output: '"done"',
      stopDate: 2000,
      error: undefined,
    });
    expect(executions.events<{ id: number }>('arn:x:e1')).toHaveLength(4);
    expect(executions.executionsOf('arn:aws:states:us-east-1:0:stateMachine:m')).toHaveLength(2);
    store.close();
  });

  it('keeps API state machines', () => {
    const store = openStore({ inMemory: true });
    store.migrate(executionsFamily);
    const executions = new ExecutionStore(store.db);
    const machine = {
      arn: 'arn:m',
      name: 'm',
      definition: '{}',
      type: 'EXPRESS' as const,
      roleArn: 'r',
      origin: 'api' as const,
      created: 1,
      revision: 'a',
    };
    executions.saveMachine(machine);
    executions.saveMachine({ ...machine, definition: '{"x":1}', revision: 'b' });
    expect(executions.machines()).toEqual([{ ...machine, definition: '{"x":1}', revision: 'b' }]);
    executions.deleteMachine('arn:m');
    expect(executions.machines()).toEqual([]);
    store.close();
  });
});
