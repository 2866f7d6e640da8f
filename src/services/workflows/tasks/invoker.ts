// The seam between the interpreter and whatever runs a Task's resource (the router implements it):
// the interpreter never imports the function runtime or another service.

/** What a task invocation is told besides its input. */
export interface TaskInvocationContext {
  /** Set for `.waitForTaskToken` resources: the token the worker must send back. */
  taskToken?: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** Aborted when the task times out, the execution stops, or a sibling branch fails. */
  signal: AbortSignal;
  /** The execution this task belongs to (for tracing and nested executions). */
  executionArn: string;
  stateName: string;
}

/**
 * Runs a Task resource. `resource` is the Task's full ARN (`arn:aws:lambda:...:function:f`,
 * `arn:aws:states:::sqs:sendMessage`, `...:startExecution.sync`); for `lambda:invoke` the engine calls
 * it with the function's ARN and the Payload. Rejects with a FunctionError (a Lambda handler failed),
 * a StatesError (error and cause as given), or any Error (reported as States.TaskFailed).
 */
export interface TaskInvoker {
  invoke(resource: string, input: unknown, ctx: TaskInvocationContext): Promise<unknown>;
}

/**
 * A Lambda function failed. `payload` is the raw text the function returned (`{"errorMessage": ...,
 * "errorType": ...}`); the engine turns it into the error Step Functions reports.
 */
export class FunctionError extends Error {
  constructor(
    readonly payload: string,
    /** The function's `errorType`, when it reported one. */
    readonly errorType?: string,
  ) {
    super(payload);
    this.name = 'FunctionError';
  }
}

/**
 * A Lambda function's raw response body. Invokers may return it instead of a parsed value so that the
 * `lambda:invoke` envelope reports the real Content-Length; the engine parses it as JSON.
 */
export class FunctionOutput {
  constructor(
    readonly text: string,
    /** The function's log tail (returned base64-encoded as LogResult when LogType is Tail). */
    readonly logTail?: string,
  ) {}

  /** The body as a JSON value (the text itself when it is not JSON). */
  get value(): unknown {
    try {
      return JSON.parse(this.text) as unknown;
    } catch {
      return this.text;
    }
  }
}

/** An invoker that runs nothing: every task fails as not emulated. */
export const unavailableInvoker: TaskInvoker = {
  invoke(resource) {
    return Promise.reject(new Error(`No task invoker is configured to run '${resource}'.`));
  },
};
