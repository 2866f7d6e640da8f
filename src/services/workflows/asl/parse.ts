// Reads a definition (JSON text or an object) and rejects invalid ones with InvalidDefinition.
import { InvalidDefinitionError } from '../errors/validation-errors.js';
import type { StateMachineDefinition } from './types.js';
import { validateDefinition } from './validate.js';

/** The parsed, validated definition; throws InvalidDefinitionError listing every problem. */
export function parseDefinition(source: string | object): StateMachineDefinition {
  let value: unknown = source;
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source);
    } catch (e) {
      throw new InvalidDefinitionError([
        { code: 'INVALID_JSON_DESCRIPTION', message: (e as Error).message, location: '/' },
      ]);
    }
  }
  const diagnostics = validateDefinition(value);
  if (diagnostics.length) throw new InvalidDefinitionError(diagnostics);
  return value as StateMachineDefinition;
}
