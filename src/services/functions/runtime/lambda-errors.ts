// The error documents Lambda itself produces (not the handler): timeouts, runtime exits, out of memory.
// Shapes follow what the Invoke API returns on today's managed runtimes, e.g.
// {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00 seconds"}
// (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html).
import type { LambdaErrorDocument } from './protocol.js';

/** How an instance ended, when it ended during an invocation. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the process printed V8's or Python's out-of-memory message. */
  outOfMemory: boolean;
}

/** The text Lambda logs and returns for a timeout: `Task timed out after 3.00 seconds`. */
export function timeoutText(timeoutSeconds: number): string {
  return `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/** The invocation ran past the function's Timeout; the instance was stopped. */
export function timeoutError(requestId: string, timeoutSeconds: number): LambdaErrorDocument {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: ${timeoutText(timeoutSeconds)}`,
  };
}

/** What Lambda lets a function's response carry, in bytes (its error message names this figure). */
export const RESPONSE_PAYLOAD_BYTES = 6_291_556;

/**
 * The handler returned more than RESPONSE_PAYLOAD_BYTES. Lambda's Runtime API refuses such a response
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html, 413 on /response), so the invocation
 * fails whatever its type; the instance checks it before sending, and eddy never receives the payload.
 */
export function responseTooLargeError(): LambdaErrorDocument {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_PAYLOAD_BYTES} bytes).`,
  };
}

/** Lambda words a process end the way Go's os/exec does: `exit status 1`, `signal: killed`. */
export function exitStatusText(exit: ExitInfo): string {
  if (exit.outOfMemory) return 'signal: killed';
  if (exit.signal) {
    const names: Partial<Record<NodeJS.Signals, string>> = {
      SIGKILL: 'killed',
      SIGABRT: 'aborted (core dumped)',
      SIGSEGV: 'segmentation fault (core dumped)',
      SIGTERM: 'terminated',
    };
    return `signal: ${names[exit.signal] ?? exit.signal}`;
  }
  return `exit status ${exit.code ?? 0}`;
}

/**
 * The instance ended while running the invocation: `Runtime.ExitError`, or `Runtime.OutOfMemory` when it
 * ran out of MemorySize (Lambda enforces the limit on the sandbox; eddy on the V8 heap / Python's heap).
 */
export function exitError(requestId: string, exit: ExitInfo): LambdaErrorDocument {
  const errorType = exit.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
  return {
    errorType,
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${exitStatusText(exit)}`,
  };
}

/** The markers V8 and CPython print when they run out of memory. */
export function isOutOfMemoryText(text: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit|MemoryError|out of memory/i.test(text);
}
