// Queue names, URLs and ARNs. A queue URL is `${endpoint}/${accountId}/${queueName}`; any URL whose last
// path segment is a queue name is accepted, so URLs from another endpoint spelling still resolve.
import { sqsError } from './errors.js';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** Throws AWS's message for an invalid queue name. */
export function validateQueueName(name: string, fifo: boolean): void {
  if (fifo) {
    if (!FIFO_NAME.test(name)) {
      throw sqsError(
        'InvalidParameterValueException',
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
  } else if (!NAME.test(name)) {
    throw sqsError(
      'InvalidParameterValueException',
      name.endsWith('.fifo')
        ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
        : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
}

/** The queue name in a queue URL, an ARN or a bare name. */
export function queueNameOf(reference: string): string {
  if (reference.startsWith('arn:')) return reference.split(':').slice(5).join(':');
  const path = reference.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/+$/, '');
  const parts = path.split('/');
  return parts[parts.length - 1] ?? '';
}

/** The URL of a queue on this endpoint. */
export function queueUrl(endpoint: string, accountId: string, name: string): string {
  return `${endpoint}/${accountId}/${name}`;
}

/** The ARN of a queue. */
export function queueArn(region: string, accountId: string, name: string): string {
  return `arn:aws:sqs:${region}:${accountId}:${name}`;
}
