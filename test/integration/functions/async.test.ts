// Event (asynchronous) invocations: Lambda's retries (two by default, one then two minutes apart, on the
// Clock), MaximumEventAgeInSeconds, OnSuccess / OnFailure destinations with the invocation record, and
// router calls by ARN.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { FunctionInvocationError } from '../../../src/services/functions/errors.js';
import { cleanup, fnModel, type Harness, project, startFunctions, writeFiles } from './harness.js';

const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:failures';
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/default';

let dir: string;
let h: Harness;
const clock = new ManualClock();

beforeAll(async () => {
  dir = project({
    'fail.ts': "export const handler = async (e: { id: string }) => { throw new Error('no ' + e.id); };\n",
    'ok.ts': 'export const handler = async (e: { id: string }) => ({ done: e.id });\n',
    'typo.ts': "export const handler = async () => {\n  return 'fixed'\n  const = 1;\n};\n",
  });
  h = await startFunctions(
    [
      fnModel('Fail', dir, { handler: 'fail.handler', onFailureArn: QUEUE, onSuccessArn: BUS }),
      fnModel('FailOnce', dir, { handler: 'fail.handler', maximumRetryAttempts: 0, onFailureArn: QUEUE }),
      fnModel('Young', dir, { handler: 'fail.handler', maximumEventAgeInSeconds: 60, onFailureArn: QUEUE }),
      fnModel('Ok', dir, { handler: 'ok.handler', onSuccessArn: BUS, onFailureArn: QUEUE }),
      fnModel('Typo', dir, { handler: 'typo.handler', onSuccessArn: BUS }),
    ],
    { clock, watch: true },
  );
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

function attempts(name: string, traceId: string): number {
  return h.records.filter(
    (r) => r.kind === 'invocation' && r.traceId === traceId && r.payload.function === name,
  ).length;
}

async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await h.service.asyncIdle();
}

test('a failing event is tried three times, 1 and 2 minutes apart, then sent to OnFailure', async () => {
  const traceId = 'async-fail';
  const r = await h.service.invoke('Fail', { id: 'e1' }, { invocationType: 'Event', traceId });
  expect(r).toMatchObject({ statusCode: 202, payload: '' });
  await h.service.asyncIdle();
  expect(attempts('Fail', traceId)).toBe(1);
  await advance(59_000);
  expect(attempts('Fail', traceId)).toBe(1);
  await advance(1_000);
  expect(attempts('Fail', traceId)).toBe(2);
  await advance(119_000);
  expect(attempts('Fail', traceId)).toBe(2);
  expect(h.routed).toHaveLength(0);
  await advance(1_000);
  expect(attempts('Fail', traceId)).toBe(3);
  expect(h.routed).toHaveLength(1);
  const [call] = h.routed.splice(0);
  expect(call.arn).toBe(QUEUE);
  expect(call.options).toMatchObject({ traceId, invocationType: 'Event' });
  expect(call.payload).toEqual({
    version: '1.0',
    timestamp: new Date(clock.now()).toISOString(),
    requestContext: {
      requestId: r.requestId,
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Fail:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: { id: 'e1' },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: expect.objectContaining({ errorType: 'Error', errorMessage: 'no e1' }),
  });
});

test('MaximumRetryAttempts 0 sends the first failure to OnFailure', async () => {
  await h.service.invoke('FailOnce', { id: 'e2' }, { invocationType: 'Event', traceId: 'async-once' });
  await h.service.asyncIdle();
  expect(attempts('FailOnce', 'async-once')).toBe(1);
  const [call] = h.routed.splice(0);
  expect(call.payload).toMatchObject({
    requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 },
  });
});

test('an event older than MaximumEventAgeInSeconds is dropped with EventAgeExceeded', async () => {
  await h.service.invoke('Young', { id: 'e3' }, { invocationType: 'Event', traceId: 'async-young' });
  await h.service.asyncIdle();
  await advance(60_000);
  expect(attempts('Young', 'async-young')).toBe(2);
  const [call] = h.routed.splice(0);
  expect(call.payload).toMatchObject({
    requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 2 },
  });
  await advance(600_000);
  expect(attempts('Young', 'async-young')).toBe(2);
});

test('a success goes to OnSuccess with the response payload', async () => {
  await h.service.invoke('Ok', { id: 'e4' }, { invocationType: 'Event', traceId: 'async-ok' });
  await h.service.asyncIdle();
  const [call] = h.routed.splice(0);
  expect(call.arn).toBe(BUS);
  expect(call.payload).toMatchObject({
    requestContext: { condition: 'Success', approximateInvokeCount: 1 },
    requestPayload: { id: 'e4' },
    responseContext: { statusCode: 200, executedVersion: '$LATEST' },
    responsePayload: { done: 'e4' },
  });
  expect((call.payload as { responseContext: object }).responseContext).not.toHaveProperty('functionError');
});

test('an event that fails on a build error succeeds on its retry once the code is fixed', async () => {
  await h.service.invoke('Typo', {}, { invocationType: 'Event', traceId: 'async-typo' });
  await h.service.asyncIdle();
  expect(h.routed).toHaveLength(0);
  writeFiles(dir, { 'typo.ts': "export const handler = async () => 'fixed';\n" });
  await expect
    .poll(() => h.service.describe().find((d) => d.name === 'Typo')?.detail, { timeout: 10_000 })
    .not.toContain('failed');
  await advance(60_000);
  const [call] = h.routed.splice(0);
  expect(call.payload).toMatchObject({
    requestContext: { condition: 'Success', approximateInvokeCount: 2 },
    responsePayload: 'fixed',
  });
});

test('router calls resolve with the result or reject with the function error', async () => {
  await expect(
    h.service.invokeTarget('arn:aws:lambda:us-east-1:000000000000:function:Ok', { id: 'r1' }, {}),
  ).resolves.toEqual({ done: 'r1' });
  const failure = await h.service.invokeTarget('Fail', { id: 'r2' }, {}).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(FunctionInvocationError);
  expect(failure).toMatchObject({ errorType: 'Error', message: 'no r2', document: { errorType: 'Error' } });
  await expect(
    h.service.invokeTarget('Ok', { id: 'r3' }, { invocationType: 'Event' }),
  ).resolves.toBeUndefined();
  await h.service.asyncIdle();
  expect(h.routed.splice(0)).toHaveLength(1);
});
