// Choice: picks the Next state from the first matching rule, else Default, else States.NoChoiceMatched.
import type { ChoiceRule } from '../asl/types.js';
import { matchesRule } from '../choice/evaluate.js';
import { NoChoiceMatchedError } from '../errors/runtime-errors.js';
import { applyInputPath, applyOutputPath, finishWithoutResult } from '../runtime/io.js';
import type { StateContext } from '../runtime/state-context.js';
import type { StateHandler } from './handler.js';

async function pick(ctx: StateContext, input: unknown, effective: unknown): Promise<ChoiceRule | undefined> {
  const rules = ctx.state.Choices ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (ctx.language === 'JSONata') {
      const v = await ctx.jsonata(rule.Condition, `Choices[${i}].Condition`, { input });
      if (v === true) return rule;
    } else if (matchesRule(rule, ctx.sources(effective))) return rule;
  }
  return undefined;
}

/** The Choice state. */
export const choiceState: StateHandler = {
  async run(ctx, input) {
    const s = ctx.state;
    const effective = ctx.language === 'JSONata' ? input : applyInputPath(ctx, input);
    const rule = await pick(ctx, input, effective);
    const next = rule?.Next ?? s.Default;
    if (next === undefined) throw new NoChoiceMatchedError(ctx.cause('No Matches!'));
    // A matched rule's own Assign/Output replace the state's (JSONata Choice rules may carry both).
    const source =
      rule && (rule.Assign !== undefined || rule.Output !== undefined)
        ? { ...s, Assign: rule.Assign ?? s.Assign, Output: rule.Output ?? s.Output }
        : s;
    if (ctx.language === 'JSONata') {
      const assign = source.Assign
        ? ((await ctx.jsonata(source.Assign, 'Assign', { input })) as Record<string, unknown>)
        : undefined;
      const output =
        source.Output !== undefined ? await ctx.jsonata(source.Output, 'Output', { input }) : input;
      return { output, assign, next };
    }
    if (source !== s) {
      const assign = source.Assign
        ? (ctx.payload(source.Assign, effective) as Record<string, unknown>)
        : undefined;
      return { output: applyOutputPath(ctx, effective), assign, next };
    }
    return { ...(await finishWithoutResult(ctx, input, effective)), next };
  },
};
