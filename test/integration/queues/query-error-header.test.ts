// SQS's JSON protocol names the older query code in `x-amzn-query-error`, as AWS does.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';

let eddy: RunningEddy;
beforeAll(async () => {
  eddy = await startEddy({});
});
afterAll(() => eddy?.stop());

test('a missing queue answers with the query error code header', async () => {
  const response = await fetch(eddy.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl' },
    body: JSON.stringify({ QueueName: 'nope' }),
  });
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
});
