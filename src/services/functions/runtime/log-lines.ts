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

/**
 * Longest log line kept, in characters: one CloudWatch Logs event holds at most 256 KB
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html), so a longer
 * line is cut there. Without the cap a handler printing 10 MB lines made eddy hold and re-scan them.
 */
export const MAX_LOG_LINE_CHARS = 256 * 1024;

/**
 * Cuts streamed text so that no line keeps more than MAX_LOG_LINE_CHARS, keeping the newlines. The worker
 * applies it before anything crosses to eddy: a 10 MB line then costs eddy 256 KB of IPC to decode, not a
 * 10 MB JSON message parsed on the thread that answers requests.
 */
export class LineCapper {
  /** Characters of the current (unterminated) line already let through. */
  private lineChars = 0;

  /** What of `text` to keep ('' when all of it is past the cap). */
  cap(text: string): string {
    // The common case (short writes well under the cap) returns the text itself, without copies.
    const newline = text.lastIndexOf('\n');
    const tail = newline < 0 ? text.length : text.length - newline - 1;
    if (newline < 0 ? this.lineChars + tail <= MAX_LOG_LINE_CHARS : this.fitsWhole(text)) {
      this.lineChars = newline < 0 ? this.lineChars + tail : tail;
      return text;
    }
    const kept: string[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      const stop = end < 0 ? text.length : end;
      const room = MAX_LOG_LINE_CHARS - this.lineChars;
      if (room > 0 && stop > start) {
        const piece = text.slice(start, Math.min(stop, start + room));
        kept.push(piece);
        this.lineChars += piece.length;
      }
      if (end < 0) return kept.join('');
      kept.push('\n');
      this.lineChars = 0;
      start = end + 1;
    }
  }

  private fitsWhole(text: string): boolean {
    let start = 0;
    let before = this.lineChars;
    for (;;) {
      const end = text.indexOf('\n', start);
      const length = (end < 0 ? text.length : end) - start;
      if (before + length > MAX_LOG_LINE_CHARS) return false;
      if (end < 0) return true;
      before = 0;
      start = end + 1;
    }
  }
}

/** Splits streamed output into whole lines (each cut at MAX_LOG_LINE_CHARS); `flush` returns the rest. */
export class LineSplitter {
  private rest = '';
  /** The current line passed the cap: its remaining text is dropped up to its newline. */
  private cut = false;

  /** The complete lines in `text` (with what was left from before). */
  push(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      this.append(newline < 0 ? text.slice(start) : text.slice(start, newline));
      if (newline < 0) return lines;
      lines.push(this.rest);
      this.rest = '';
      this.cut = false;
      start = newline + 1;
    }
  }

  /** The unterminated tail, if any. */
  flush(): string[] {
    const rest = this.rest;
    this.rest = '';
    this.cut = false;
    return rest ? [rest] : [];
  }

  private append(piece: string): void {
    if (this.cut) return;
    const room = MAX_LOG_LINE_CHARS - this.rest.length;
    if (piece.length > room) {
      this.rest += piece.slice(0, room);
      this.cut = true;
    } else this.rest += piece;
  }
}
