// TestState: runs one state on an input and reports its output, the next state and the status
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html). The state runs in
// a one-state machine whose transition targets are pass-through placeholders, so the engine itself
// decides Choice rules, Catch and Next.
import { AwsError } from '../../shared/aws-error.js';
import { parseDefinition, startExecution, type HistoryEvent } from '../../services/workflows/index.js';
import type { WorkflowsService } from '../../services/workflows/service/service.js';
import type { JsonOperation } from '../protocol.js';
import { required } from './shapes.js';

const TESTED = 'TestState';

function targets(state: Record<string, unknown>): string[] {
  const names = new Set<string>();
  if (typeof state.Next === 'string') names.add(state.Next);
  if (typeof state.Default === 'string') names.add(state.Default);
  for (const list of [state.Choices, state.Catch]) {
    if (Array.isArray(list))
      for (const item of list as { Next?: unknown }[])
        if (typeof item.Next === 'string') names.add(item.Next);
  }
  names.delete(TESTED);
  return [...names];
}

function parseJson(text: unknown, member: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(String(text));
  } catch {
    throw new AwsError('ValidationException', `Invalid ${member}: not JSON`);
  }
}

/** The TestState operation. */
export function testStateOperation(service: WorkflowsService): JsonOperation {
  return async (input) => {
    const state = parseJson(required(input, 'definition'), 'definition') as Record<string, unknown>;
    const data = parseJson(input.input, 'input') ?? {};
    const variables = (parseJson(input.variables, 'variables') ?? {}) as Record<string, unknown>;
    const language = state.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
    const placeholders = Object.fromEntries(targets(state).map((n) => [n, { Type: 'Pass', End: true }]));
    const definition = parseDefinition({
      QueryLanguage: language,
      StartAt: TESTED,
      States: { ...placeholders, [TESTED]: state },
    });
    const run = startExecution(definition, data, {
      invoker: service.executions.invoker,
      tokens: service.executions.tokens,
      region: service.scope.region,
      accountId: service.scope.accountId,
      resume: {
        transition: { stateName: TESTED, input: data, variables },
        events: [],
        startTime: Date.now(),
      },
    });
    const result = await run.result;
    const events = run.events.events;
    const next = nextState(events);
    const caught =
      next !== undefined && events.some((e) => /Failed$/.test(e.type) && e.type !== 'ExecutionFailed');
    const exited = events.find(
      (e) => (e.stateExitedEventDetails as { name?: string } | undefined)?.name === TESTED,
    );
    const output = (exited?.stateExitedEventDetails as { output?: string } | undefined)?.output;
    if (result.status !== 'SUCCEEDED') {
      return { status: 'FAILED', error: result.error, cause: result.cause };
    }
    return {
      status: caught ? 'CAUGHT_ERROR' : 'SUCCEEDED',
      output: output ?? JSON.stringify(result.output ?? null),
      ...(next ? { nextState: next } : {}),
    };
  };
}

function nextState(events: HistoryEvent[]): string | undefined {
  for (const e of events) {
    const name = (e.stateEnteredEventDetails as { name?: string } | undefined)?.name;
    if (name && name !== TESTED) return name;
  }
  return undefined;
}
