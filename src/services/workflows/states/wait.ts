// Wait: pauses for Seconds or until Timestamp (or their *Path forms / JSONata), on the execution clock
// so tests never sleep.
import { parseTimestamp } from '../choice/timestamp.js';
import { QueryEvaluationError, RuntimeError } from '../errors/runtime-errors.js';
import { applyInputPath, finishWithoutResult } from '../runtime/io.js';
import { sleep } from '../runtime/sleep.js';
import type { StateContext } from '../runtime/state-context.js';
import { nextOf, type StateHandler } from './handler.js';

async function waitUntil(ctx: StateContext, input: unknown, effective: unknown): Promise<number> {
  const s = ctx.state;
  // Seconds count from when the state was entered (its Entered event), not from a later clock reading.
  const now = ctx.enteredAt;
  if (ctx.language === 'JSONata') {
    if (s.Seconds !== undefined) {
      const v =
        typeof s.Seconds === 'number' ? s.Seconds : await ctx.jsonata(s.Seconds, 'Seconds', { input });
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new QueryEvaluationError(
          ctx.cause(
            `The JSONata expression specified for the field 'Seconds' must return a non-negative integer, but was: ${JSON.stringify(v)}`,
          ),
        );
      }
      return now + v * 1000;
    }
    const v = await ctx.jsonata(s.Timestamp, 'Timestamp', { input });
    const at = parseTimestamp(v);
    if (at === undefined)
      throw new QueryEvaluationError(
        ctx.cause(`The Timestamp value is not a valid RFC 3339 timestamp: ${JSON.stringify(v)}`),
      );
    return at;
  }
  if (typeof s.Seconds === 'number') return now + s.Seconds * 1000;
  if (s.Timestamp !== undefined) return parseTimestamp(s.Timestamp) ?? now;
  if (s.SecondsPath !== undefined) {
    const v = ctx.path(s.SecondsPath, effective);
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new RuntimeError(
        ctx.cause(
          `The SecondsPath parameter cannot be parsed as a long value: ${s.SecondsPath} == ${JSON.stringify(v)}`,
        ),
      );
    }
    if (v < 0)
      throw new RuntimeError(
        ctx.cause(`The SecondsPath parameter references a negative value: ${s.SecondsPath} == ${v}`),
      );
    return now + v * 1000;
  }
  if (s.TimestampPath !== undefined) {
    const v = ctx.path(s.TimestampPath, effective);
    const at = parseTimestamp(v);
    if (at === undefined) {
      throw new RuntimeError(
        ctx.cause(
          `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${s.TimestampPath} == ${JSON.stringify(v)}`,
        ),
      );
    }
    return at;
  }
  return now;
}

/** The Wait state. */
export const waitState: StateHandler = {
  async run(ctx, input) {
    const effective = ctx.language === 'JSONata' ? input : applyInputPath(ctx, input);
    // A Wait resumed after a restart keeps the due time it had (AWS's Wait ends at a point in time,
    // not after a duration counted again: a past due time continues at once).
    const until = ctx.resumedDueAt ?? (await waitUntil(ctx, input, effective));
    const delay = until - ctx.env.clock.now();
    if (ctx.resumedDueAt === undefined && delay > 0) ctx.checkpoint(input, until);
    if (delay > 0) await sleep(ctx.env.clock, delay, ctx.frame.signal);
    return { ...(await finishWithoutResult(ctx, input, effective)), next: nextOf(ctx) };
  },
};
