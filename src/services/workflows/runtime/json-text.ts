// JSON text of state data, computed once per value: a state's output is serialised for its Exited
// event, its size check and the next state's Entered event. Engine values are never mutated in place
// (ResultPath copies), so caching by identity is safe.

const cache = new WeakMap<object, string>();

// The last value asked for: a state's output is asked for three times in a row (size check, Exited
// event, next Entered event), and a hit here is cheaper than the WeakMap's.
let lastValue: object | undefined;
let lastText = '';

/** `JSON.stringify(value)` (undefined as null), cached for objects and arrays. */
export function jsonText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value === lastValue) return lastText;
  let text = cache.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    cache.set(value, text);
  }
  lastValue = value;
  lastText = text;
  return text;
}
