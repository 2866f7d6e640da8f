// ARNs and names of the workflows service, as AWS forms and checks them.
import { describe, expect, it } from 'vitest';
import {
  checkArn,
  checkName,
  executionArn,
  machineOfExecution,
  stateMachineArn,
} from '../../../src/services/workflows/service/arns.js';

const scope = { region: 'eu-west-1', accountId: '123456789012' };

describe('ARNs', () => {
  it('forms state machine and execution ARNs', () => {
    const machine = stateMachineArn(scope, 'orders');
    expect(machine).toBe('arn:aws:states:eu-west-1:123456789012:stateMachine:orders');
    expect(executionArn(machine, 'run-1', false, 'x')).toBe(
      'arn:aws:states:eu-west-1:123456789012:execution:orders:run-1',
    );
    expect(executionArn(machine, 'run-1', true, 'id')).toBe(
      'arn:aws:states:eu-west-1:123456789012:express:orders:run-1:id',
    );
    expect(machineOfExecution('arn:aws:states:eu-west-1:123456789012:execution:orders:run-1')).toBe(machine);
  });

  it('rejects ARNs of the wrong kind with InvalidArn', () => {
    expect(() => checkArn('orders', ['stateMachine'])).toThrow(
      expect.objectContaining({ code: 'InvalidArn' }),
    );
    expect(() => checkArn('arn:aws:states:eu-west-1:1:execution:m:e', ['stateMachine'])).toThrow(
      expect.objectContaining({ code: 'InvalidArn' }),
    );
    expect(checkArn('arn:aws:states:eu-west-1:1:stateMachine:m', ['stateMachine'])).toBe(
      'arn:aws:states:eu-west-1:1:stateMachine:m',
    );
  });

  it.each(['ok', 'with-dash_and.dot', 'a'.repeat(80)])('accepts the name %s', (name) => {
    expect(checkName(name)).toBe(name);
  });

  it.each(['', 'has space', 'a'.repeat(81), 'star*', 'q?', 'tab\t', 'colon:', 'slash/', 'brace{'])(
    'rejects the name %j',
    (name) => {
      expect(() => checkName(name)).toThrow(expect.objectContaining({ code: 'InvalidName' }));
    },
  );
});
