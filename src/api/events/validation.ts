// AWS's generic input validation messages ("1 validation error detected: Value 'x' at 'name' failed
// to satisfy constraint: Member must ..."), collected so several problems are reported together as
// AWS does, and small readers for the decoded JSON input.
import { AwsError } from '../../shared/aws-error.js';

/** Collects constraint violations and throws them as one ValidationException. */
export class Violations {
  private readonly items: string[] = [];

  /** Records a violation of `constraint` by `value` at `path`. */
  add(value: unknown, path: string, constraint: string): this {
    const shown = value === null || value === undefined ? 'null' : `'${String(value)}'`;
    this.items.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
    return this;
  }

  /** Checks a name-like field: required, length and pattern. */
  name(value: unknown, path: string, max = 64, pattern = '[\\.\\-_A-Za-z0-9]+'): this {
    if (typeof value !== 'string') return this.add(value, path, 'Member must not be null');
    if (!new RegExp(`^(?:${pattern})$`).test(value)) {
      this.add(value, path, `Member must satisfy regular expression pattern: ${pattern}`);
    }
    if (value.length > max) this.add(value, path, `Member must have length less than or equal to ${max}`);
    if (value.length < 1) this.add(value, path, 'Member must have length greater than or equal to 1');
    return this;
  }

  /** Throws when anything was recorded. */
  throwIfAny(): void {
    if (this.items.length === 0) return;
    const count = this.items.length;
    throw new AwsError(
      'ValidationException',
      `${count} validation error${count === 1 ? '' : 's'} detected: ${this.items.join('; ')}`,
    );
  }
}

/** A string member, or undefined. */
export function str(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

/** A required string member: AWS's "must not be null" when absent. */
export function required(input: Record<string, unknown>, key: string, path = lowerFirst(key)): string {
  const value = input[key];
  if (typeof value !== 'string') new Violations().add(null, path, 'Member must not be null').throwIfAny();
  return value as string;
}

/** A timestamp member (epoch seconds on the wire) as epoch ms. */
export function timestamp(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (typeof value === 'number') return Math.round(value * 1000);
  if (typeof value === 'string' && value !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? Math.round(n * 1000) : Date.parse(value);
  }
  return undefined;
}

/** Epoch ms as the epoch seconds JSON 1.1 timestamps carry. */
export function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

/** `EventBusName` as a member name lowered for validation paths (`eventBusName`). */
export function lowerFirst(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** Pages a list with NextToken (an offset) and Limit. */
export function page<T>(items: T[], input: Record<string, unknown>): { items: T[]; nextToken?: string } {
  const start =
    typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString()) || 0 : 0;
  const limit = typeof input.Limit === 'number' && input.Limit > 0 ? input.Limit : 100;
  const slice = items.slice(start, start + limit);
  const next =
    start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64') : undefined;
  return { items: slice, ...(next ? { nextToken: next } : {}) };
}

/** Drops undefined members so the JSON answer has only what AWS sends. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
