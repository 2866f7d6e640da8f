// AWS::SQS::Queue → QueueModel: CloudFormation properties become SQS attribute names and strings.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
import type { QueueModel } from '../model.js';
import { bool, str, tagMap, type BuildInput } from './types.js';

// Every queue property CloudFormation passes to SetQueueAttributes (same names as the SQS API).
const ATTRIBUTES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
] as const;

/** AWS::SQS::Queue. */
export function buildQueue(input: BuildInput): QueueModel {
  const p = input.props;
  const attributes: Record<string, string> = {};
  for (const key of ATTRIBUTES) {
    const value = p[key];
    if (value === undefined || value === null) continue;
    // RedrivePolicy and RedriveAllowPolicy are JSON documents in CloudFormation, JSON text in SQS.
    attributes[key] = typeof value === 'boolean' ? String(value) : (str(value) ?? '');
  }
  const fifo = bool(p.FifoQueue) === true;
  return {
    kind: 'queue',
    logicalId: input.resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: input.resource.position,
    url: String(input.identity.ref),
    fifo,
    attributes,
    tags: tagMap(p.Tags),
  };
}
