// Named Conditions, evaluated once each on first use; a condition that refers back to itself is a cycle.
import type { SourcePosition } from '../model.js';
import { suggestion, templateError } from '../errors.js';
import type { SourceMap } from '../reader/source-map.js';
import { isRecord } from '../resources.js';
import type { ResolveContext } from './context.js';
import { evaluateCondition } from './intrinsics-condition.js';

/** `ctx.condition` for the template's Conditions section. */
export function conditionEvaluator(
  declared: unknown,
  positions: SourceMap,
  context: () => ResolveContext,
): (name: string, position: SourcePosition | undefined) => boolean {
  const conditions = isRecord(declared) ? declared : {};
  const values = new Map<string, boolean>();
  const evaluating: string[] = [];
  return (name, position) => {
    const known = values.get(name);
    if (known !== undefined) return known;
    if (!(name in conditions)) {
      throw templateError(
        'TEMPLATE_UNKNOWN_CONDITION',
        `Condition '${name}' is not declared`,
        position,
        `Declare '${name}' under Conditions, or fix the name${suggestion(name, Object.keys(conditions))}.`,
      );
    }
    if (evaluating.includes(name)) {
      const loop = [...evaluating.slice(evaluating.indexOf(name)), name].join(' → ');
      throw templateError(
        'TEMPLATE_CYCLE',
        `Conditions refer to each other in a loop: ${loop}`,
        positions.key(conditions, name),
        'Rewrite one of these conditions so it does not depend on the others.',
      );
    }
    evaluating.push(name);
    try {
      const value = evaluateCondition(conditions[name], context(), conditions);
      values.set(name, value);
      return value;
    } finally {
      evaluating.pop();
    }
  };
}
