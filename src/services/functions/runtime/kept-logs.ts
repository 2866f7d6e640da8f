// The log lines an invocation keeps for its caller (RunResult.logs, the Invoke API's LogResult tail).
// Every line still goes to the trace stream as it is printed; what is kept here is bounded, so a handler
// printing 100 MB holds megabytes in eddy, not the whole log, and the 4 KB tail is found from the end.

/** How many characters of the most recent lines are kept (older lines are dropped first). */
export const KEPT_LOG_CHARS = 1024 * 1024;

/** The most recent lines of one invocation, at most KEPT_LOG_CHARS of them. */
export class KeptLogs {
  private readonly kept: string[] = [];
  /** Index of the oldest line still kept (dropped lines are compacted away in batches). */
  private head = 0;
  private chars = 0;

  constructor(private readonly limit = KEPT_LOG_CHARS) {}

  /** Keeps `line`, dropping the oldest lines past the limit (the newest line is always kept). */
  push(line: string): void {
    this.kept.push(line);
    this.chars += line.length;
    while (this.chars > this.limit && this.kept.length - this.head > 1) {
      this.chars -= this.kept[this.head].length;
      this.head++;
    }
    // Compact once half the array is dropped lines: amortised O(1) per line.
    if (this.head > 1024 && this.head * 2 > this.kept.length) {
      this.kept.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The kept lines, oldest first. */
  lines(): string[] {
    return this.kept.slice(this.head);
  }
}

/** The last `maxBytes` of `lines` joined with newlines (plus the final one), read from the end. */
export function logTailBytes(lines: readonly string[], maxBytes: number): Buffer {
  const parts: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && bytes < maxBytes; i--) {
    parts.push(lines[i]);
    bytes += Buffer.byteLength(lines[i]) + 1;
  }
  const text = Buffer.from(parts.reverse().join('\n') + '\n', 'utf8');
  return text.subarray(Math.max(0, text.length - maxBytes));
}
