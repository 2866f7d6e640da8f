import { describe, expect, it } from 'vitest';
import { validateAttributes } from '../../../src/services/queues/attributes.js';
import { validateQueueName } from '../../../src/services/queues/names.js';
import {
  checkSize,
  messageSize,
  validateBody,
  validateMessageAttributes,
} from '../../../src/services/queues/validate-message.js';
import { decodeQueryRequest } from '../../../src/api/sqs/query-decode.js';

function error(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected an error');
}

describe('SQS validation messages', () => {
  it.each([
    ['VisibilityTimeout', '43201'],
    ['DelaySeconds', '-1'],
    ['MessageRetentionPeriod', '59'],
    ['ReceiveMessageWaitTimeSeconds', '21'],
    ['MaximumMessageSize', '1023'],
  ])('rejects %s=%s as InvalidAttributeValue', (name, value) => {
    expect(error(() => validateAttributes({ [name]: value }, false, true))).toEqual({
      code: 'InvalidAttributeValue',
      message: `Invalid value for the parameter ${name}.`,
    });
  });

  it('rejects unknown and FIFO-only attributes on standard queues', () => {
    expect(error(() => validateAttributes({ Colour: 'red' }, false, true)).message).toBe(
      'Unknown Attribute Colour.',
    );
    expect(error(() => validateAttributes({ ContentBasedDeduplication: 'true' }, false, true)).code).toBe(
      'InvalidAttributeName',
    );
  });

  it('checks maxReceiveCount in a RedrivePolicy', () => {
    const policy = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:d', maxReceiveCount: 0 });
    expect(error(() => validateAttributes({ RedrivePolicy: policy }, false, true)).message).toContain(
      'Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.',
    );
  });

  it('checks queue names', () => {
    expect(error(() => validateQueueName('bad name', false)).message).toBe(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
    expect(() => validateQueueName('a'.repeat(80), false)).not.toThrow();
    expect(error(() => validateQueueName('x', true)).code).toBe('InvalidParameterValueException');
  });

  it('rejects characters outside the allowed set, naming the first one', () => {
    expect(error(() => validateBody('ok\u0001')).message).toMatch(
      /^Invalid binary character '#x1' was found/,
    );
    expect(validateBody('tab\tnew\nline 😀')).toBe('tab\tnew\nline 😀');
    expect(error(() => validateBody('')).message).toBe('The request must contain the parameter MessageBody.');
  });

  it('checks message attributes', () => {
    expect(
      error(() => validateMessageAttributes({ 'AWS.x': { DataType: 'String', StringValue: 'v' } })).message,
    ).toMatch(/^Message \(user\) attribute name 'AWS.x' is invalid/);
    expect(
      error(() => validateMessageAttributes({ n: { DataType: 'Number', StringValue: 'abc' } })).message,
    ).toBe("Can't cast the value of message (user) attribute 'n' to a number.");
    expect(
      error(() => validateMessageAttributes({ s: { DataType: 'String', StringValue: '' } })).message,
    ).toBe("Message (user) attribute 's' must contain a non-empty value of type 'String'.");
  });

  it('counts attribute names, types and values against the size limit', () => {
    const attributes = { k: { DataType: 'String', StringValue: 'vv' } };
    expect(messageSize('abc', attributes)).toBe(3 + 1 + 6 + 2);
    expect(() => checkSize(262_144, 262_144)).not.toThrow();
    expect(error(() => checkSize(262_145, 262_144)).message).toBe(
      'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
    );
  });
});

describe('query protocol decoding', () => {
  it('turns flattened members into the JSON API shapes', () => {
    const { action, input } = decodeQueryRequest(
      new URLSearchParams({
        Action: 'SendMessageBatch',
        Version: '2012-11-05',
        QueueUrl: 'http://x/1/q',
        'SendMessageBatchRequestEntry.2.Id': 'b',
        'SendMessageBatchRequestEntry.2.MessageBody': 'second',
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageBody': 'first',
        'SendMessageBatchRequestEntry.1.DelaySeconds': '5',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'k',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': 'v',
      }),
    );
    expect(action).toBe('SendMessageBatch');
    expect(input).toEqual({
      QueueUrl: 'http://x/1/q',
      Entries: [
        {
          Id: 'a',
          MessageBody: 'first',
          DelaySeconds: 5,
          MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
        },
        { Id: 'b', MessageBody: 'second' },
      ],
    });
  });

  it('maps Attribute, AttributeName and Tag lists', () => {
    const { input } = decodeQueryRequest(
      new URLSearchParams({
        Action: 'CreateQueue',
        QueueName: 'q',
        'Attribute.1.Name': 'DelaySeconds',
        'Attribute.1.Value': '3',
        'Tag.1.Key': 'team',
        'Tag.1.Value': 'a',
      }),
    );
    expect(input).toEqual({ QueueName: 'q', Attributes: { DelaySeconds: '3' }, tags: { team: 'a' } });
  });
});
