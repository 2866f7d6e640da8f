// Plain AWS JSON calls for the e2e tests (what the SDKs send), so the tests drive eddy as any client would.
import type { RunningEddy } from '../../src/testing/index.js';

const VERSIONS: Record<string, string> = { AWSEvents: '1.1', AmazonSQS: '1.0', AWSStepFunctions: '1.0' };

/** Calls `<prefix>.<Operation>` on eddy and returns the JSON answer; throws on an error status. */
export async function aws<T = Record<string, unknown>>(
  eddy: RunningEddy,
  target: string,
  input: unknown,
): Promise<T> {
  const res = await fetch(eddy.endpoint, {
    method: 'POST',
    headers: {
      'x-amz-target': target,
      'content-type': `application/x-amz-json-${VERSIONS[target.split('.')[0]]}`,
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${target}: ${JSON.stringify(body)}`);
  return body;
}

/** Puts one event on the `orders` bus; returns its id. */
export async function putEvent(eddy: RunningEddy, entry: Record<string, string>): Promise<string> {
  const out = await aws<{ Entries: { EventId: string }[] }>(eddy, 'AWSEvents.PutEvents', {
    Entries: [{ EventBusName: 'orders', Detail: '{}', ...entry }],
  });
  return out.Entries[0].EventId;
}

/** The URL of a queue of the running app. */
export function queueUrl(eddy: RunningEddy, name: string): string {
  const queue = eddy.app.queues.find((q) => q.name === name);
  if (!queue) throw new Error(`no queue ${name}`);
  return queue.url;
}
