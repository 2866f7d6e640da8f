// How AWS's Java runtime prints JSON values inside strings (States.Format): maps as `{a=1, b=[]}`.

/** The Java `toString()` of a JSON value: strings bare, objects `{k=v, ...}`, arrays `[a, b]`. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${javaString(v)}`);
  return `{${entries.join(', ')}}`;
}
