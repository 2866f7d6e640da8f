// Choice rules with a wrongly shaped And / Or / Not: ValidateStateMachineDefinition reports them and
// CreateStateMachine refuses them (InvalidDefinition), instead of accepting an empty list.
import { describe, expect, it } from 'vitest';
import {
  InvalidDefinitionError,
  parseDefinition,
  validateDefinition,
} from '../../../src/services/workflows/index.js';

const choice = (rule: object) => ({
  StartAt: 'C',
  States: { C: { Type: 'Choice', Choices: [{ Next: 'D', ...rule }] }, D: { Type: 'Succeed' } },
});
const diagnostics = (rule: object) =>
  validateDefinition(choice(rule)).map((d) => `${d.code}: ${d.message} at ${d.location}`);
const isNull = { Variable: '$.a', IsNull: true };

describe('Choice rules with And, Or and Not', () => {
  it.each([
    [{ And: [] }, "The field 'And' should be non-empty at /States/C/Choices[0]/And"],
    [{ Or: [] }, "The field 'Or' should be non-empty at /States/C/Choices[0]/Or"],
    [{ And: {} }, "The value for the field 'And' must be an ARRAY at /States/C/Choices[0]/And"],
    [{ Or: 'x' }, "The value for the field 'Or' must be an ARRAY at /States/C/Choices[0]/Or"],
    [{ Not: [] }, "The value for the field 'Not' must be an OBJECT at /States/C/Choices[0]/Not"],
    [{ Not: null }, "The value for the field 'Not' must be an OBJECT at /States/C/Choices[0]/Not"],
    [{ And: [isNull, { Or: [] }] }, "The field 'Or' should be non-empty at /States/C/Choices[0]/And[1]/Or"],
  ])('%j is rejected', (rule, expected) => {
    expect(diagnostics(rule)).toEqual([`SCHEMA_VALIDATION_FAILED: ${expected}`]);
  });

  it('an object where Or expects a list is reported even beside a valid And', () => {
    expect(diagnostics({ And: [isNull], Or: {} })).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'Or' must be an ARRAY at /States/C/Choices[0]/Or",
    ]);
  });

  it('an empty Not rule needs its Variable and operator', () => {
    expect(diagnostics({ Not: {} })).toEqual([
      'SCHEMA_VALIDATION_FAILED: These fields are required: [Variable] at /States/C/Choices[0]/Not',
      'SCHEMA_VALIDATION_FAILED: A choice rule must have exactly one comparison operator at /States/C/Choices[0]/Not',
    ]);
  });

  it('well-formed nested rules pass', () => {
    expect(diagnostics({ And: [isNull, { Or: [isNull, { Not: isNull }] }] })).toEqual([]);
  });

  it('CreateStateMachine refuses an empty And with InvalidDefinition', () => {
    try {
      parseDefinition(choice({ And: [] }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidDefinitionError);
      expect((e as Error).message).toBe(
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'And' should be non-empty at /States/C/Choices[0]/And'",
      );
    }
  });
});
