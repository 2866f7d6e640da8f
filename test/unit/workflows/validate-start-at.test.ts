// A StartAt that is not a string (here an object with a toString key, found by the bad-input fuzzer) is
// a diagnostic with a location, not a TypeError from the reachability check.
import { expect, test } from 'vitest';
import { InvalidDefinitionError, parseDefinition } from '../../../src/services/workflows/index.js';

test('a non-string StartAt in a Parallel branch is an InvalidDefinition', () => {
  const definition = {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [{ StartAt: { toString: 0 }, States: { S: { Type: 'Succeed' } } }],
        End: true,
      },
    },
  };
  let thrown: unknown;
  try {
    parseDefinition(JSON.stringify(definition));
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidDefinitionError);
  expect((thrown as InvalidDefinitionError).diagnostics.map((d) => d.location)).toContain(
    '/States/P/Branches[0]',
  );
});
