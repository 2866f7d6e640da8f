// Fake Lambda functions for the conformance cases (the real runtime is another module): each one
// behaves as the corpus's `lambda` field describes it.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../src/shared/clock.js';
import {
  FunctionError,
  FunctionOutput,
  StatesError,
  type TaskInvoker,
} from '../../../../src/services/workflows/index.js';

/** JSON as Python's json.dumps writes it (", " and ": " separators), as Lambda's Python runtime returns it. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

function pythonError(errorType: string, message: string, line: string, lineNo = 2): string {
  // Lambda's Python runtime serialises errors with json.dumps (", " and ": " separators).
  const body = {
    errorMessage: message,
    errorType,
    requestId: randomUUID(),
    stackTrace: [`  File "/var/task/handler.py", line ${lineNo}, in handler\n    ${line}\n`],
  };
  return pythonJson(body);
}

type Fn = (input: unknown, clock: Clock, signal: AbortSignal) => Promise<unknown>;

const FUNCTIONS: Record<string, Fn> = {
  id_function: async (input) => input,
  echo_function: async () => ({ Return: 'HelloWorld' }),
  raise_exception: async () => {
    throw new FunctionError(
      pythonError('Exception', 'Some exception was raised.', 'raise Exception("Some exception was raised.")'),
    );
  },
  raise_custom_exception: async () => {
    throw new FunctionError(pythonError('CustomException', '', 'raise CustomException()', 9));
  },
  return_bytes_str: async () => 'HelloWorld!',
  large_output_string: async () => 'a'.repeat(257 * 1024),
  wait_60_seconds: (input, clock, signal) =>
    new Promise((resolve, reject) => {
      const t = clock.setTimer(() => resolve(input), 60_000);
      signal.addEventListener('abort', () => (t.cancel(), reject(signal.reason as Error)), { once: true });
    }),
};

/** An invoker serving the fake functions by the last part of their ARN. */
export function fakeLambdaInvoker(clock: Clock): TaskInvoker & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async invoke(resource, input, ctx) {
      calls.push(resource);
      const m = /:function:([^:]+)/.exec(resource);
      const name = m?.[1] ?? resource;
      const fn = FUNCTIONS[name] ?? FUNCTIONS[name.replace(/_\d+$/, '')];
      if (!fn) {
        throw new StatesError(
          'Lambda.ResourceNotFoundException',
          `Function not found: ${resource}:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
        );
      }
      return new FunctionOutput(pythonJson(await fn(input, clock, ctx.signal)));
    },
  };
}
