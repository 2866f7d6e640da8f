// Step Functions Local mock test cases: the response for each invocation number, ranges, Throw.
import { describe, expect, it } from 'vitest';
import { ExecutionMocks, type MockConfig } from '../../../src/services/workflows/service/mock-config.js';

const config: MockConfig = {
  StateMachines: { m: { TestCases: { T: { A: 'Flaky' } } } },
  MockedResponses: {
    Flaky: {
      '0': { Throw: { Error: 'E0', Cause: 'first' } },
      '1-2': { Throw: { Error: 'E12' } },
      '3': { Return: { ok: true } },
    },
  },
};

describe('ExecutionMocks', () => {
  it('answers attempt by attempt and then runs out', () => {
    const mocks = new ExecutionMocks(config, 'm', 'T');
    expect(mocks.covers('A')).toBe(true);
    expect(mocks.covers('B')).toBe(false);
    expect(() => mocks.answer('A')).toThrow(expect.objectContaining({ error: 'E0', causeText: 'first' }));
    expect(() => mocks.answer('A')).toThrow(expect.objectContaining({ error: 'E12' }));
    expect(() => mocks.answer('A')).toThrow(expect.objectContaining({ error: 'E12' }));
    expect(mocks.answer('A')).toEqual({ ok: true });
    expect(() => mocks.answer('A')).toThrow(/no answer for invocation 4/);
  });

  it('covers nothing for another test case or machine', () => {
    expect(new ExecutionMocks(config, 'm', 'Other').covers('A')).toBe(false);
    expect(new ExecutionMocks(config, 'x', 'T').covers('A')).toBe(false);
  });
});
