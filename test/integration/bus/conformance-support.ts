// Support for the data-driven EventBridge API suite (../shared/conformance/eventbridge/api-errors.json):
// placeholder substitution, sending any operation through the real SDK client, and comparing recorded
// responses with their wildcards (see the corpus README).
import { readFileSync } from 'node:fs';
import * as sdk from '@aws-sdk/client-eventbridge';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { expect } from 'vitest';

/** One recorded case. */
export interface ApiCase {
  name: string;
  operation: string;
  setup?: { operation?: string; params?: unknown; ignoreError?: boolean; wait?: string; returns?: string }[];
  request: Record<string, unknown>;
  expect: Record<string, unknown> & {
    httpStatus: number;
    code?: string;
    message?: string;
    response?: unknown;
  };
  note?: string;
}

/** The corpus. */
export function loadCases(): ApiCase[] {
  const file = new URL('../../../../shared/conformance/eventbridge/api-errors.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: ApiCase[] }).cases;
}

/** A valid CreateConnection request (the corpus writes `<valid>` where its setup made one). */
export function validConnection(name: string): Record<string, unknown> {
  return {
    Name: name,
    AuthorizationType: 'API_KEY',
    AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'ApiKey', ApiKeyValue: 'secret' } },
  };
}

/** A setup step's params with the corpus's `<valid>` stand-ins made concrete. */
export function concreteParams(operation: string, params: unknown, names: Record<string, string>): unknown {
  if (operation !== 'CreateConnection') return params;
  const valid = validConnection(names['<connection-name>']);
  if (params === '<valid>') return valid;
  const given = params as Record<string, unknown>;
  return given.AuthParameters === '<valid>' ? { ...given, ...valid, Name: given.Name } : params;
}

/** Replaces the corpus placeholders with this case's names, consistently. */
export function substitute<T>(value: T, names: Record<string, string>): T {
  let text = JSON.stringify(value);
  for (const [placeholder, replacement] of Object.entries(names)) {
    text = text.split(placeholder).join(replacement.replace(/"/g, '\\"'));
  }
  return JSON.parse(text) as T;
}

/** Placeholder values for one case. */
export function namesFor(index: number, targetArn: string): Record<string, string> {
  const uid = `c${index}x${Date.now().toString(36)}`;
  return {
    '<bus-name-2>': `bus2-${uid}`,
    '<archive-name-2>': `archive2-${uid}`,
    '<bus-name>': `bus-${uid}`,
    '<event-bus-name>': `bus-${uid}`,
    '<custom-event-bus>': `bus-${uid}`,
    '<bus_name>': `bus-${uid}`,
    '<rule-name>': `rule-${uid}`,
    '<rule_name>': `rule-${uid}`,
    '<archive-name>': `archive-${uid}`,
    '<replay-canceled-name>': `replay-cancel-${uid}`,
    '<replay-name>': `replay-${uid}`,
    '<target-id>': `target-${uid}`,
    '<connection-name>': `connection-${uid}`,
    '<destination-name>': `destination-${uid}`,
    '<valid auth type>': 'API_KEY',
    '<method>': 'POST',
    '<url>': 'https://example.com/api',
    '<queue-arn of a deleted queue>': 'arn:aws:sqs:us-east-1:000000000000:deleted-queue',
    '<queue-arn>': targetArn,
    '<not-existing-resource-name>': `missing-${uid}`,
    '<prefix>': uid,
    '<uid>': uid,
    '<region>': 'us-east-1',
    '<account-id>': '000000000000',
    '111111111111': '000000000000',
    '<partition>': 'aws',
  };
}

const TIMESTAMPS = new Set(['Time', 'EventStartTime', 'EventEndTime']);

/** Turns epoch-second timestamps into Dates, as the SDK's input shapes want them. */
function sdkInput(value: unknown, key = ''): unknown {
  if (TIMESTAMPS.has(key) && typeof value === 'number') return new Date(value * 1000);
  if (Array.isArray(value)) return value.map((v) => sdkInput(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sdkInput(v, k)]));
  }
  return value;
}

/** Expands `{"$generated": {prefix, repeat, count, suffix}}` values. */
export function expandGenerated(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandGenerated);
  if (value && typeof value === 'object') {
    const gen = (value as { $generated?: { prefix: string; repeat: string; count: number; suffix: string } })
      .$generated;
    if (gen) return gen.prefix + gen.repeat.repeat(gen.count) + gen.suffix;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandGenerated(v)]));
  }
  return value;
}

/** The outcome of one call. */
export type CallOutcome =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; code: string; message: string };

/** Sends `operation` with the SDK's own command class. */
export async function call(
  client: EventBridgeClient,
  operation: string,
  params: unknown,
): Promise<CallOutcome> {
  const Command = (sdk as unknown as Record<string, new (input: unknown) => unknown>)[`${operation}Command`];
  if (!Command) throw new Error(`no SDK command for ${operation}`);
  try {
    const input = sdkInput(expandGenerated(params));
    const out = (await client.send(new Command(input) as never)) as unknown as Record<string, unknown>;
    const { $metadata, ...body } = out as { $metadata: { httpStatusCode?: number } };
    return { ok: true, status: $metadata.httpStatusCode ?? 200, body };
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    if (!e.$metadata) throw error;
    return { ok: false, status: e.$metadata.httpStatusCode ?? 0, code: e.name, message: e.message };
  }
}

/** Compares an SDK answer with a recorded one; recorded wildcards match any value of their kind. */
export function expectShape(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'string') {
    if (expected === 'datetime') return void expect(actual, path).toBeInstanceOf(Date);
    if (/^<(uuid|event-id)(:\d+)?>$/.test(expected) || expected === 'date' || expected === 'replay-name') {
      return void expect(typeof actual, path).toBe('string');
    }
    return void expect(actual, path).toBe(expected);
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectShape((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    // The recorder parsed JSON strings such as EventPattern; compare them parsed.
    const value = typeof actual === 'string' ? JSON.parse(actual) : actual;
    expect(Object.keys(value as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectShape((value as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
