import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import type { ServiceContext } from '../../../src/services/core/service.js';
import type { PipeDefinition } from '../../../src/services/pipes/pipe-definition.js';
import { busEnvelope, dynamicValue } from '../../../src/services/pipes/pipe-target.js';

const context = {
  config: { region: 'us-east-1', accountId: '123456789012', endpoint: '' },
  clock: new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5)),
} as unknown as ServiceContext;

const pipe: PipeDefinition = {
  Name: 'p',
  Arn: 'arn:aws:pipes:us-east-1:123456789012:pipe/p',
  Source: 'arn:aws:sqs:us-east-1:123456789012:q',
  Target: 'arn:aws:events:us-east-1:123456789012:event-bus/default',
  RoleArn: 'r',
  DesiredState: 'RUNNING',
  SourceParameters: {},
  EnrichmentParameters: {},
  TargetParameters: {},
  Tags: {},
};

const record = { eventSource: 'aws:sqs', body: '{"kind":"created","id":7}', messageId: 'm' };

describe('pipe targets', () => {
  it('reads dynamic path parameters from the event, with the SQS body parsed', () => {
    expect(dynamicValue('$.body.kind', record)).toBe('created');
    expect(dynamicValue('static', record)).toBe('static');
    expect(dynamicValue('$.body.missing', record)).toBeUndefined();
  });

  it("puts AWS's default envelope on a bus when no DetailType/Source is set", () => {
    const envelope = busEnvelope(context, pipe, record, record);
    expect(envelope).toMatchObject({
      version: '0',
      'detail-type': 'Event from aws:sqs',
      source: 'Pipe p',
      account: '123456789012',
      region: 'us-east-1',
      time: '2026-01-02T03:04:05Z',
      resources: [pipe.Arn],
      detail: record,
    });
  });

  it('uses EventBridgeEventBusParameters, dynamic ones included', () => {
    const withParams = {
      ...pipe,
      TargetParameters: {
        EventBridgeEventBusParameters: { DetailType: '$.body.kind', Source: 'shop.orders' },
      },
    };
    const envelope = busEnvelope(context, withParams, record, '{"id":7}');
    expect(envelope).toMatchObject({ 'detail-type': 'created', source: 'shop.orders', detail: { id: 7 } });
  });
});
