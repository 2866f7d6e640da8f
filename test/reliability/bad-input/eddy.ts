// The eddy the bad-input suites talk to: the fuzz fixture (one resource of every kind), in memory,
// and a raw request helper that sends bytes exactly as given.
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { sendRaw, type RawOutcome } from '../fuzz/http.js';

/** Starts the fixture eddy for the test file; the getter gives the running instance. */
export function useFuzzEddy(): () => RunningEddy {
  let eddy: RunningEddy | undefined;
  beforeAll(async () => {
    eddy = await startEddy({ template: join(import.meta.dirname, '../fuzz/fixture/template.yaml') });
  });
  afterAll(async () => {
    await eddy?.stop();
  });
  return () => eddy!;
}

/** Sends one raw request and returns the response (fails the test on a hang or a dropped connection). */
export async function raw(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body: Buffer | string = '',
): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const outcome: RawOutcome = await sendRaw(
    endpoint,
    { method, path, headers, body: Buffer.from(body) },
    15_000,
  );
  if (outcome.kind !== 'response') throw new Error(`${method} ${path}: ${JSON.stringify(outcome)}`);
  return { status: outcome.status, text: outcome.body.toString('utf8'), headers: outcome.headers };
}
