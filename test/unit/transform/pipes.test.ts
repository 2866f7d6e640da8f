// Pipes input templates: <$.path> placeholders over implicitly parsed bodies, every aws.pipes.* reserved
// variable, the quoting rules shared with rule templates, and template validation.
import { describe, expect, it } from 'vitest';
import {
  applyPipeTemplate,
  compilePipeTemplate,
  decodePipeEvent,
  validatePipeTemplate,
  type PipeContext,
} from '../../../src/transform/index.js';

const context: PipeContext = {
  pipeArn: 'arn:aws:pipes:eu-west-1:123456789012:pipe/orders',
  pipeName: 'orders',
  sourceArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-queue',
  enrichmentArn: 'arn:aws:lambda:eu-west-1:123456789012:function:enrich',
  targetArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:fulfil',
  ingestionTime: '2026-11-28T10:00:02Z',
};

const sqsRecord = {
  messageId: 'm-1',
  receiptHandle: 'rh',
  body: '{"orderId":"o-1","items":[{"sku":"A"}],"meta":{"x-y":5}}',
  attributes: { SenderId: 'AIDA123', ApproximateReceiveCount: '1' },
  messageAttributes: {},
  md5OfBody: 'abc',
  eventSource: 'aws:sqs',
  eventSourceARN: context.sourceArn,
  awsRegion: 'eu-west-1',
};

function payloadOf(template: string, event: unknown = sqsRecord, ctx = context): string {
  const result = applyPipeTemplate(template, event, ctx);
  if (!('payload' in result)) throw new Error(`dropped: ${result.reason}`);
  return result.payload;
}

describe('Pipes templates over SQS records', () => {
  it('reads inside a JSON body as if it were an object', () => {
    expect(JSON.parse(payloadOf('{"id": <$.body.orderId>, "sku": <$.body.items[0].sku>}'))).toEqual({
      id: 'o-1',
      sku: 'A',
    });
    expect(payloadOf("<$.body.meta['x-y']>")).toBe('5');
  });

  it('reads the record metadata', () => {
    expect(payloadOf('"Hello, <$.attributes.SenderId>"')).toBe('"Hello, AIDA123"');
    expect(payloadOf('<$.attributes.SenderId>')).toBe('AIDA123');
  });

  it('a JSON body placed alone in a string template loses its quotes; in a JSON field it stays JSON', () => {
    expect(payloadOf('<$.body>')).toBe('{orderId:o-1,items:[{sku:A}],meta:{x-y:5}}');
    expect(JSON.parse(payloadOf('{"data": <$.body>}'))).toEqual({
      data: { orderId: 'o-1', items: [{ sku: 'A' }], meta: { 'x-y': 5 } },
    });
  });

  it('a body that is not JSON stays a string', () => {
    const plain = { ...sqsRecord, body: 'just text' };
    expect(JSON.parse(payloadOf('{"b": <$.body>, "missing": <$.body.orderId>}', plain))).toEqual({
      b: 'just text',
      missing: '',
    });
  });

  it('a JSON template with an object inside a string literal is not delivered', () => {
    expect(applyPipeTemplate('{"b": "<$.body>"}', sqsRecord, context)).toMatchObject({ dropped: true });
  });

  it('static templates pass through', () => {
    expect(payloadOf('"Hello, sender"')).toBe('"Hello, sender"');
    expect(payloadOf('{"key1": "value1"}')).toBe('{"key1": "value1"}');
  });
});

describe('aws.pipes.* reserved variables', () => {
  it('names and ARNs of the pipe', () => {
    const template =
      '{"arn": <aws.pipes.pipe-arn>, "name": <aws.pipes.pipe-name>, "source": <aws.pipes.source-arn>, ' +
      '"enrichment": <aws.pipes.enrichment-arn>, "target": <aws.pipes.target-arn>, ' +
      '"at": <aws.pipes.event.ingestion-time>}';
    expect(JSON.parse(payloadOf(template))).toEqual({
      arn: context.pipeArn,
      name: 'orders',
      source: context.sourceArn,
      enrichment: context.enrichmentArn,
      target: context.targetArn,
      at: '2026-11-28T10:00:02Z',
    });
  });

  it('enrichment-arn is empty when the pipe has no enrichment', () => {
    const { enrichmentArn: _unused, ...withoutEnrichment } = context;
    expect(payloadOf('"[<aws.pipes.enrichment-arn>]"', sqsRecord, withoutEnrichment)).toBe('"[]"');
  });

  it('aws.pipes.event is the record as received, aws.pipes.event.json the decoded one', () => {
    const both = JSON.parse(payloadOf('{"raw": <aws.pipes.event>, "json": <aws.pipes.event.json>}')) as {
      raw: typeof sqsRecord;
      json: { body: unknown };
    };
    expect(both.raw).toEqual(sqsRecord);
    expect(both.json.body).toEqual({ orderId: 'o-1', items: [{ sku: 'A' }], meta: { 'x-y': 5 } });
  });

  it('aws.pipes.event.json has no value for a payload that is not JSON', () => {
    expect(payloadOf('"<aws.pipes.event> / <aws.pipes.event.json>"', 'plain enrichment output')).toBe(
      '"plain enrichment output / "',
    );
  });

  it('an unknown aws.pipes name stays as written', () => {
    expect(payloadOf('"<aws.pipes.nope>"')).toBe('"<aws.pipes.nope>"');
  });
});

describe('decodePipeEvent', () => {
  it('decodes base64 JSON data of Kinesis records and keeps other data encoded', () => {
    const json = Buffer.from('{"k":1}').toString('base64');
    const text = Buffer.from('hello').toString('base64');
    expect(decodePipeEvent({ eventSource: 'aws:kinesis', data: json })).toEqual({
      eventSource: 'aws:kinesis',
      data: { k: 1 },
    });
    expect(decodePipeEvent({ eventSource: 'aws:kinesis', data: text })).toEqual({
      eventSource: 'aws:kinesis',
      data: text,
    });
  });

  it('decodes Kafka keys and values, and leaves unknown sources and the input untouched', () => {
    const value = Buffer.from('[1,2]').toString('base64');
    const record = { eventSource: 'aws:kafka', key: 'a2V5', value };
    expect(decodePipeEvent(record)).toEqual({ eventSource: 'aws:kafka', key: 'a2V5', value: [1, 2] });
    expect(record.value).toBe(value);
    const dynamo = { eventSource: 'aws:dynamodb', body: '{"a":1}' };
    expect(decodePipeEvent(dynamo)).toBe(dynamo);
  });

  it('Kinesis paths read the decoded data', () => {
    const record = { eventSource: 'aws:kinesis', data: Buffer.from('{"someKey":"v"}').toString('base64') };
    expect(compilePipeTemplate('{"v": <$.data.someKey>}')(record, context)).toEqual({
      payload: '{"v": "v"}',
    });
  });
});

describe('validatePipeTemplate', () => {
  it('accepts paths and reserved names', () => {
    expect(validatePipeTemplate('{"a": <$.body.a>, "b": <aws.pipes.pipe-name>}')).toBeNull();
  });

  it('names bad paths and unknown reserved names', () => {
    expect(validatePipeTemplate('{"a": <$..a>}')).toContain('<$..a> is not a valid JSON path');
    expect(validatePipeTemplate('"<aws.pipes.pipe>"')).toContain('not a reserved aws.pipes variable');
  });
});
