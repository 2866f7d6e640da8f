// Step Functions Local's MockConfigFile, so teams reuse their mocks: StateMachines.<machine>.TestCases.
// <case>.<state> names a MockedResponses entry whose keys are invocation numbers ("0", "1-2") mapping to
// `Return` or `Throw` (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html).
// A test case is chosen by starting `<stateMachineArn>#<TestCase>`.
import { readFileSync } from 'node:fs';
import { StatesError } from '../index.js';

interface MockedResponse {
  Return?: unknown;
  Throw?: { Error?: string; Cause?: string };
}

/** The parsed file. */
export interface MockConfig {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, Record<string, MockedResponse>>;
}

/** Reads the file named by `EDDY_SFN_MOCK_CONFIG` (or SFN_MOCK_CONFIG, Step Functions Local's name). */
export function loadMockConfig(env: NodeJS.ProcessEnv = process.env): MockConfig | undefined {
  const file = env.EDDY_SFN_MOCK_CONFIG ?? env.SFN_MOCK_CONFIG;
  if (!file) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as MockConfig;
}

/** The mocked answers of one execution (its machine's test case), counting invocations per state. */
export class ExecutionMocks {
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly config: MockConfig,
    private readonly machine: string,
    private readonly testCase: string,
  ) {}

  /** True when the test case mocks `state`. */
  covers(state: string): boolean {
    return this.responseName(state) !== undefined;
  }

  /** The mocked result of `state`'s next invocation (throws its mocked error). */
  answer(state: string): unknown {
    const name = this.responseName(state)!;
    const attempt = this.calls.get(state) ?? 0;
    this.calls.set(state, attempt + 1);
    const responses = this.config.MockedResponses?.[name] ?? {};
    const response = pick(responses, attempt);
    if (!response)
      throw new StatesError(
        'States.TaskFailed',
        `The mocked response ${name} has no answer for invocation ${attempt}`,
      );
    if (response.Throw)
      throw new StatesError(response.Throw.Error ?? 'States.TaskFailed', response.Throw.Cause);
    return response.Return;
  }

  private responseName(state: string): string | undefined {
    return this.config.StateMachines?.[this.machine]?.TestCases?.[this.testCase]?.[state];
  }
}

/** The response whose key ("3" or "1-2") covers `attempt`. */
function pick(responses: Record<string, MockedResponse>, attempt: number): MockedResponse | undefined {
  for (const [key, response] of Object.entries(responses)) {
    const [from, to] = key.split('-').map(Number);
    if (attempt >= from && attempt <= (to ?? from)) return response;
  }
  return undefined;
}
