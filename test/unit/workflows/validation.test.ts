// Definition validation as CreateStateMachine / ValidateStateMachineDefinition report it.
import { describe, expect, it } from 'vitest';
import {
  InvalidDefinitionError,
  parseDefinition,
  validateDefinition,
} from '../../../src/services/workflows/index.js';

const codes = (def: unknown) => validateDefinition(def).map((d) => `${d.code} ${d.location}`);

describe('validateDefinition', () => {
  it('accepts a valid definition', () => {
    expect(
      validateDefinition({
        StartAt: 'A',
        States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } },
      }),
    ).toEqual([]);
  });

  it('reports missing transition targets', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } })).toContain(
      'MISSING_TRANSITION_TARGET /States/A/Next',
    );
    expect(codes({ StartAt: 'X', States: { A: { Type: 'Succeed' } } })).toContain(
      'MISSING_TRANSITION_TARGET /StartAt',
    );
    expect(
      codes({
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'Gone' }], Default: 'D' },
          D: { Type: 'Succeed' },
        },
      }),
    ).toContain('MISSING_TRANSITION_TARGET /States/C/Choices[0]/Next');
  });

  it('reports unreachable states', () => {
    const d = validateDefinition({
      StartAt: 'A',
      States: { A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } },
    });
    expect(d).toEqual([
      {
        severity: 'ERROR',
        code: 'SCHEMA_VALIDATION_FAILED',
        message: "State 'Orphan' is not reachable",
        location: '/States/Orphan',
      },
    ]);
  });

  it('requires exactly one of Next and End', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass' } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A',
    ]);
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A', End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A',
    ]);
  });

  it('rejects fields the state type or query language does not allow', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Succeed', Result: 1 } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/Result',
    ]);
    expect(
      codes({
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: { A: { Type: 'Pass', InputPath: '$.a', End: true } },
      }),
    ).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/InputPath']);
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass', Output: {}, End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/Output',
    ]);
    expect(
      codes({
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } },
      }),
    ).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/QueryLanguage']);
  });

  it('rejects bad paths and intrinsic calls', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.a[', End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/InputPath',
    ]);
    expect(
      codes({
        StartAt: 'A',
        States: { A: { Type: 'Pass', Parameters: { 'x.$': 'States.Format(' }, End: true } },
      }),
    ).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Parameters/x.$']);
  });

  it('requires States.ALL to be alone and last', () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:1:function:f',
          Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }],
          End: true,
        },
      },
    };
    expect(codes(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/ErrorEquals']);
  });

  it('validates nested branches and processors', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Y' } } }],
          End: true,
        },
      },
    };
    expect(codes(def)).toEqual(['MISSING_TRANSITION_TARGET /States/P/Branches[0]/States/X/Next']);
  });

  it('checks variable names and predefined error names', () => {
    expect(
      codes({
        StartAt: 'A',
        States: { A: { Type: 'Pass', Assign: { states: 1, 'ok.$': '$', '1bad': 2 }, End: true } },
      }),
    ).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/Assign/states',
      'SCHEMA_VALIDATION_FAILED /States/A/Assign/1bad',
    ]);
    const task = (names: string[]) => ({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:1:function:f',
          Retry: [{ ErrorEquals: names }],
          End: true,
        },
      },
    });
    expect(codes(task(['States.Nope']))).toEqual(['SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/ErrorEquals']);
    expect(codes(task(['States.Timeout', 'My.Custom']))).toEqual([]);
  });

  it('accepts HTTP status errors by code, and nothing looser', () => {
    const task = (names: string[]) => ({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::http:invoke',
          Retry: [{ ErrorEquals: names }],
          Catch: [{ ErrorEquals: names, Next: 'F' }],
          Next: 'F',
        },
        F: { Type: 'Fail' },
      },
    });
    const ok = ['States.Http.StatusCode.404', 'States.Http.StatusCode.429', 'States.Http.StatusCode.503'];
    expect(codes(task(ok))).toEqual([]);
    expect(codes(task(['States.Http.Socket']))).toEqual([]);
    for (const bad of [
      'States.Http.StatusCode.',
      'States.Http.StatusCode.5XX',
      'States.Http.StatusCode.4040',
    ]) {
      expect(codes(task([bad]))).toEqual([
        'SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/ErrorEquals',
        'SCHEMA_VALIDATION_FAILED /States/T/Catch[0]/ErrorEquals',
      ]);
    }
  });

  it('checks Retry ranges, exclusive fields and Choice rule shapes', () => {
    const task = (extra: object) => ({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', End: true, ...extra } },
    });
    expect(codes(task({ Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5, MaxAttempts: -1 }] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/MaxAttempts',
      'SCHEMA_VALIDATION_FAILED /States/T/Retry[0]/BackoffRate',
    ]);
    expect(codes(task({ TimeoutSeconds: 5, HeartbeatSeconds: 10 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/T/HeartbeatSeconds',
    ]);
    expect(
      codes({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true } } }),
    ).toEqual(['SCHEMA_VALIDATION_FAILED /States/W']);
    expect(codes({ StartAt: 'W', States: { W: { Type: 'Wait', End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/W',
    ]);
    const choice = (rule: object) => ({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Next: 'D', ...rule }] }, D: { Type: 'Succeed' } },
    });
    expect(codes(choice({ Variable: '$.a', StringEquals: 'x', NumericEquals: 1 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/C/Choices[0]',
    ]);
    expect(codes(choice({ StringEquals: 'x' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/C/Choices[0]']);
    expect(codes(choice({ Not: { Variable: '$.a', IsNull: true } }))).toEqual([]);
  });

  it('parseDefinition throws InvalidDefinition with an AWS-style message', () => {
    expect(() => parseDefinition('{not json')).toThrow(InvalidDefinitionError);
    try {
      parseDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
      expect.unreachable();
    } catch (e) {
      expect((e as InvalidDefinitionError).code).toBe('InvalidDefinition');
      expect((e as Error).message).toBe(
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next'",
      );
    }
  });
});
