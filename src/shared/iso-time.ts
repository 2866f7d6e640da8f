// Millisecond times as ISO 8601 text, for records made in bursts: trace records, history events, queue
// and bus records of one batch mostly share their millisecond, and `toISOString` costs a Date and a
// string each time. The last conversion is kept.

let lastMs = NaN;
let lastIso = '';

/** `new Date(ms).toISOString()`, reusing the text of the previous call when `ms` is the same. */
export function isoTime(ms: number): string {
  if (ms !== lastMs) [lastMs, lastIso] = [ms, new Date(ms).toISOString()];
  return lastIso;
}
