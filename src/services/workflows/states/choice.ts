// Choice: picks the Next state from the first matching rule, else Default, else States.NoChoiceMatched.
import type { ChoiceRule } from '../asl/types.js';
import { matchesRule } from '../choice/evaluate.js';
import { NoChoiceMatchedError } from '../errors/runtime-errors.js';
import { applyInputPath, applyOutputPath, pathOutcomeWithoutResult } from '../runtime/io.js';
import type { StateContext } from '../runtime/state-context.js';
import type { StateHandler, StateOutcome } from './handler.js';

/** The Next of `rule` (or Default); NoChoiceMatched when there is none. */
function nextOrFail(ctx: StateContext, rule: ChoiceRule | undefined): string {
  const next = rule?.Next ?? ctx.state.Default;
  if (next === undefined) throw new NoChoiceMatchedError(ctx.cause('No Matches!'));
  return next;
}

async function runJsonata(ctx: StateContext, input: unknown): Promise<StateOutcome> {
  const s = ctx.state;
  const rules = s.Choices ?? [];
  let rule: ChoiceRule | undefined;
  for (let i = 0; i < rules.length && !rule; i++) {
    const v = await ctx.jsonata(rules[i].Condition, `Choices[${i}].Condition`, { input });
    if (v === true) rule = rules[i];
  }
  const next = nextOrFail(ctx, rule);
  // A matched rule's own Assign/Output replace the state's (JSONata Choice rules may carry both).
  const assignField = rule?.Assign ?? s.Assign;
  const outputField = rule?.Output ?? s.Output;
  const assign = assignField
    ? ((await ctx.jsonata(assignField, 'Assign', { input })) as Record<string, unknown>)
    : undefined;
  const output = outputField !== undefined ? await ctx.jsonata(outputField, 'Output', { input }) : input;
  return { output, assign, next };
}

/** The Choice state (synchronous in JSONPath mode). */
export const choiceState: StateHandler = {
  run(ctx, input) {
    if (ctx.language === 'JSONata') return runJsonata(ctx, input);
    const effective = applyInputPath(ctx, input);
    const rules = ctx.state.Choices ?? [];
    let rule: ChoiceRule | undefined;
    if (rules.length > 0) {
      const sources = ctx.sources(effective);
      for (let i = 0; i < rules.length && !rule; i++) if (matchesRule(rules[i], sources)) rule = rules[i];
    }
    const next = nextOrFail(ctx, rule);
    // A matched rule's own Assign replaces the state's.
    if (rule?.Assign !== undefined) {
      const assign = ctx.payload(rule.Assign, effective) as Record<string, unknown>;
      return { output: applyOutputPath(ctx, effective), assign, next };
    }
    return pathOutcomeWithoutResult(ctx, effective, next);
  },
};
