// The record Lambda (and Pipes) build for each SQS message
// (docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue message event"):
// messageId, receiptHandle, body, attributes, messageAttributes (lower-camel value fields), md5OfBody,
// eventSource, eventSourceARN and awsRegion.
import type { SourceAttribute, SourceMessage } from './queue-source.js';

/** A Lambda SQS event record. */
export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, LambdaMessageAttribute>;
  md5OfMessageAttributes?: string;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** A message attribute as Lambda presents it. */
export interface LambdaMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

function attribute(value: SourceAttribute): LambdaMessageAttribute {
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
    stringListValues: [],
    binaryListValues: [],
    dataType: value.DataType,
  };
}

/** The event record for one polled message. */
export function toSqsRecord(message: SourceMessage, queueArn: string, region: string): SqsEventRecord {
  const messageAttributes: Record<string, LambdaMessageAttribute> = {};
  for (const [name, value] of Object.entries(message.allMessageAttributes))
    messageAttributes[name] = attribute(value);
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: { ...message.systemAttributes },
    messageAttributes,
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
