// JSON text of state data, computed once per value: a state's output is serialised for its Exited
// event, its size check and the next state's Entered event. Engine values are never mutated in place
// (ResultPath copies), so caching by identity is safe.

const cache = new WeakMap<object, string>();

/** `JSON.stringify(value)` (undefined as null), cached for objects and arrays. */
export function jsonText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  const text = JSON.stringify(value);
  cache.set(value, text);
  return text;
}
