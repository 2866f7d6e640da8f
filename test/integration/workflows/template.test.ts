// A template's state machine started by an EventBridge rule: the execution's trace records share the
// event's trace id, its sqs:sendMessage and events:putEvents tasks reach the local queue and bus, and the
// "Step Functions Execution Status Change" event reaches a rule on the default bus.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startWorkflows, type WorkflowsHarness } from './harness.js';

async function receive(sqs: SQSClient, queueName: string) {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  for (let i = 0; i < 20; i++) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    if (out.Messages?.length) return out.Messages[0];
  }
  throw new Error(`no message on ${queueName}`);
}

describe('a rule starts a template state machine', () => {
  let h: WorkflowsHarness;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  beforeAll(async () => {
    h = await startWorkflows({ template: join(import.meta.dirname, 'fixtures/rule/template.yaml') });
    events = new EventBridgeClient(clientConfig(h.eddy.endpoint));
    sqs = new SQSClient(clientConfig(h.eddy.endpoint));
  }, 60_000);
  afterAll(async () => {
    events?.destroy();
    sqs?.destroy();
    await h?.stop();
  });

  it('runs the workflow under the event trace id, with its integrations and status change', async () => {
    const put = await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1"}' }],
      }),
    );
    const eventRecord = await h.eddy.waitFor(
      (r) => r.kind === 'event' && JSON.stringify(r.payload).includes('o-1'),
    );
    const end = await h.eddy.waitFor(
      (r) => r.kind === 'execution' && r.payload.type === 'ExecutionSucceeded',
      20_000,
    );
    expect(put.FailedEntryCount).toBe(0);
    expect(end.traceId).toBe(eventRecord.traceId);
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:checkout';
    const listed = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(listed.executions?.[0].status).toBe('SUCCEEDED');

    const order = await receive(sqs, 'orders');
    expect(JSON.parse(order.Body!)).toEqual({ orderId: 'o-1' });
    await h.eddy.waitFor((r) => r.kind === 'event' && JSON.stringify(r.payload).includes('OrderQueued'));
    const status = await receive(sqs, 'status-changes');
    const change = JSON.parse(status.Body!);
    expect(change).toMatchObject({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      resources: [listed.executions![0].executionArn],
      detail: {
        status: 'SUCCEEDED',
        stateMachineArn: arn,
        name: listed.executions![0].name,
        input: '{"orderId":"o-1"}',
      },
    });
  });
});
