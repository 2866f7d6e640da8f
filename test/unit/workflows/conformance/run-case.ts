// Runs one corpus case on the engine and says whether it matches the recorded AWS outcome.
import { startExecution, type StateMachineDefinition } from '../../../../src/services/workflows/index.js';
import { AutoClock } from '../helpers/auto-clock.js';
import { fakeLambdaInvoker } from '../helpers/fake-lambda.js';
import { firstDifference, matches, normaliseValue, type Normalizations } from './compare.js';

/** One case of cases.json. */
export interface ConformanceCase {
  name: string;
  definition: StateMachineDefinition;
  input: unknown;
  expect: { status: string; output?: unknown; error?: string; cause?: unknown };
  history?: string[];
  needs: string[];
  replacements?: [string, string][];
  snapshot_transforms?: { kind: string }[];
  execution_type?: 'EXPRESS';
}

/** Pass, or the first difference found. */
export type CaseOutcome = { ok: true } | { ok: false; reason: string };

const SM_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:statemachine';

/** Runs `c` and compares status, output, error, cause and history event types. */
export async function runCase(c: ConformanceCase, n: Normalizations): Promise<CaseOutcome> {
  const clock = new AutoClock();
  const execution = startExecution(c.definition, c.input, {
    clock,
    invoker: fakeLambdaInvoker(clock),
    stateMachineArn: SM_ARN,
    name: 'execname',
    ...(c.execution_type === 'EXPRESS' || c.name.startsWith('express/')
      ? {
          type: 'EXPRESS' as const,
          executionArn: 'arn:aws:states:us-east-1:000000000000:express:statemachine:execname:f1d2a3b4',
        }
      : {}),
    roleArn: 'arn:aws:iam::000000000000:role/sfn_role',
  });
  const result = await clock.runUntil(execution.result);
  const reps = c.replacements ?? [];
  const e = c.expect;
  if (result.status !== e.status)
    return { ok: false, reason: `status ${result.status} (${result.error}: ${result.cause}) != ${e.status}` };
  if (e.status === 'SUCCEEDED') {
    const actual = normaliseValue(result.output, reps, n);
    if (!matches(e.output, actual, n))
      return { ok: false, reason: `output differs at ${firstDifference(e.output, actual, n)}` };
  } else {
    const error = normaliseValue(result.error, reps, n);
    if (!matches(e.error, error, n)) return { ok: false, reason: `error ${String(error)} != ${e.error}` };
    let cause = normaliseValue(result.cause, reps, n);
    if (e.cause !== null && typeof e.cause === 'object' && typeof cause === 'string')
      cause = JSON.parse(cause) as unknown;
    if (!matches(e.cause, cause, n))
      return { ok: false, reason: `cause ${JSON.stringify(cause)} != ${JSON.stringify(e.cause)}` };
  }
  if (c.history) {
    let actual = execution.events.events.map((ev) => ev.type);
    let expected = c.history;
    if (c.snapshot_transforms?.some((t) => t.kind === 'parallel-order')) {
      actual = [...actual].sort();
      expected = [...expected].sort();
    }
    if (actual.join() !== expected.join())
      return { ok: false, reason: `history ${actual.join(',')} != ${expected.join(',')}` };
  }
  return { ok: true };
}
