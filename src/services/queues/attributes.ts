// Queue attributes: defaults, ranges and AWS's validation messages
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
import { sqsError } from './errors.js';

/** Integer attributes: [min, max, default]. */
const INTEGER_ATTRIBUTES: Record<string, [number, number, number]> = {
  DelaySeconds: [0, 900, 0],
  // 256 KiB is the long-standing default and the limit the SDKs and most tools assume.
  MaximumMessageSize: [1024, 1_048_576, 262_144],
  MessageRetentionPeriod: [60, 1_209_600, 345_600],
  ReceiveMessageWaitTimeSeconds: [0, 20, 0],
  VisibilityTimeout: [0, 43_200, 30],
  KmsDataKeyReusePeriodSeconds: [60, 86_400, 300],
};

/** Attributes a client may set (SetQueueAttributes / CreateQueue). */
const SETTABLE = new Set([
  ...Object.keys(INTEGER_ATTRIBUTES),
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Attributes only FIFO queues have. */
const FIFO_ONLY = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Computed attributes GetQueueAttributes also answers. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** Every attribute name GetQueueAttributes knows. */
export const ALL_ATTRIBUTE_NAMES = new Set<string>([...SETTABLE, 'FifoQueue', ...COMPUTED_ATTRIBUTES]);

/** The attributes a new queue starts with. */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, [, , value]] of Object.entries(INTEGER_ATTRIBUTES)) {
    if (name !== 'KmsDataKeyReusePeriodSeconds') out[name] = String(value);
  }
  out.SqsManagedSseEnabled = 'true';
  if (fifo) {
    out.FifoQueue = 'true';
    out.ContentBasedDeduplication = 'false';
    out.DeduplicationScope = 'queue';
    out.FifoThroughputLimit = 'perQueue';
  }
  return out;
}

/** Validates attributes a client sets; returns them normalized. `creating` allows FifoQueue. */
export function validateAttributes(
  input: Record<string, string>,
  fifo: boolean,
  creating: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const value = String(raw);
    if (name === 'FifoQueue' && creating) {
      if (value !== 'true' && value !== 'false') throw invalidValue(name);
      if (value === 'true') out[name] = value;
      continue;
    }
    if (!SETTABLE.has(name) || (FIFO_ONLY.has(name) && !fifo)) {
      throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    const range = INTEGER_ATTRIBUTES[name];
    if (range) {
      const n = Number(value);
      if (!/^-?\d+$/.test(value.trim()) || n < range[0] || n > range[1]) throw invalidValue(name);
      out[name] = String(n);
    } else if (name === 'ContentBasedDeduplication' || name === 'SqsManagedSseEnabled') {
      if (value !== 'true' && value !== 'false') throw invalidValue(name);
      out[name] = value;
    } else if (name === 'DeduplicationScope') {
      if (value !== 'messageGroup' && value !== 'queue') throw invalidValue(name);
      out[name] = value;
    } else if (name === 'FifoThroughputLimit') {
      if (value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidValue(name);
      out[name] = value;
    } else if (name === 'RedrivePolicy') {
      out[name] = value === '' ? '' : JSON.stringify(parseRedrivePolicy(value));
    } else if (name === 'RedriveAllowPolicy') {
      out[name] = value === '' ? '' : JSON.stringify(parseRedriveAllowPolicy(value));
    } else out[name] = value;
  }
  return out;
}

/** A queue's redrive policy: where messages go after maxReceiveCount receives. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** Parses and checks a RedrivePolicy attribute value. */
export function parseRedrivePolicy(text: string): RedrivePolicy {
  const value = parseJsonObject(text, 'RedrivePolicy');
  const arn = value.deadLetterTargetArn;
  const count = Number(value.maxReceiveCount);
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
    throw sqsError(
      'InvalidAttributeValue',
      'Value ' +
        text +
        ' for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.',
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw sqsError(
      'InvalidAttributeValue',
      'Value ' +
        text +
        ' for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: ' +
        String(value.maxReceiveCount) +
        ', valid values are from 1 to 1000 both inclusive.',
    );
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

/** Which source queues may use a queue as their DLQ. */
export interface RedriveAllowPolicy {
  redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  sourceQueueArns?: string[];
}

/** Parses and checks a RedriveAllowPolicy attribute value. */
export function parseRedriveAllowPolicy(text: string): RedriveAllowPolicy {
  const value = parseJsonObject(text, 'RedriveAllowPolicy');
  const permission = value.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw sqsError(
      'InvalidAttributeValue',
      `Value ${text} for parameter RedriveAllowPolicy is invalid. Reason: Invalid value for redrivePermission.`,
    );
  }
  const arns = value.sourceQueueArns;
  if (permission === 'byQueue' && (!Array.isArray(arns) || arns.length === 0 || arns.length > 10)) {
    throw sqsError(
      'InvalidAttributeValue',
      `Value ${text} for parameter RedriveAllowPolicy is invalid. Reason: sourceQueueArns must contain between 1 and 10 queue ARNs when redrivePermission is byQueue.`,
    );
  }
  return permission === 'byQueue'
    ? { redrivePermission: permission, sourceQueueArns: (arns as unknown[]).map(String) }
    : { redrivePermission: permission };
}

/** True when a DLQ's RedriveAllowPolicy (absent: allowAll) lets `sourceArn` use it. */
export function redriveAllowed(policyText: string | undefined, sourceArn: string): boolean {
  if (!policyText) return true;
  const policy = parseRedriveAllowPolicy(policyText);
  if (policy.redrivePermission === 'allowAll') return true;
  if (policy.redrivePermission === 'denyAll') return false;
  return (policy.sourceQueueArns ?? []).includes(sourceArn);
}

function parseJsonObject(text: string, name: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to AWS's message
  }
  throw sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

function invalidValue(name: string) {
  return sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}
