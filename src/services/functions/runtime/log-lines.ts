// The platform lines Lambda writes around each invocation in the function's log stream
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html), and per-request line splitting.
import type { LambdaErrorDocument } from './protocol.js';

/** `START RequestId: <id> Version: $LATEST` */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

/** `END RequestId: <id>` */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** What the REPORT line reports. */
export interface ReportFigures {
  durationMs: number;
  memoryMB: number;
  maxMemoryMB?: number;
  initDurationMs?: number;
  error?: LambdaErrorDocument;
  timedOut?: boolean;
}

/** `REPORT RequestId: <id>\tDuration: 1.23 ms\tBilled Duration: 2 ms\t...` */
export function reportLine(requestId: string, f: ReportFigures): string {
  const parts = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${f.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(f.durationMs + (f.initDurationMs ?? 0)))} ms`,
    `Memory Size: ${f.memoryMB} MB`,
    `Max Memory Used: ${f.maxMemoryMB ?? 0} MB`,
  ];
  if (f.initDurationMs !== undefined) parts.push(`Init Duration: ${f.initDurationMs.toFixed(2)} ms`);
  // Platform failures carry a status, as Lambda's REPORT line does for them.
  if (f.timedOut) parts.push('Status: timeout');
  else if (f.error?.errorType.startsWith('Runtime.') || f.error?.errorType.startsWith('Sandbox.')) {
    parts.push('Status: error', `Error Type: ${f.error.errorType}`);
  }
  return parts.join('\t');
}

/** Splits streamed output into whole lines; `flush` returns what is left without a newline. */
export class LineSplitter {
  private rest = '';

  /** The complete lines in `text` (with what was left from before). */
  push(text: string): string[] {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }

  /** The unterminated tail, if any. */
  flush(): string[] {
    const rest = this.rest;
    this.rest = '';
    return rest ? [rest] : [];
  }
}
