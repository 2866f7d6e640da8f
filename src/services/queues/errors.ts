// SQS's errors: the JSON protocol's shape name (`__type` is `com.amazonaws.sqs#<shape>`), the older query
// protocol's code (also sent in `x-amzn-query-error`), and the HTTP status, as the SQS API model lists them
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html).
import { AwsError } from '../../shared/aws-error.js';

/** One SQS error: query-protocol code and HTTP status. */
export interface SqsErrorSpec {
  queryCode: string;
  status: number;
}

/** Every error eddy's SQS raises, by JSON shape name. */
export const SQS_ERRORS: Record<string, SqsErrorSpec> = {
  QueueDoesNotExist: { queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  QueueNameExists: { queryCode: 'QueueAlreadyExists', status: 400 },
  InvalidAttributeName: { queryCode: 'InvalidAttributeName', status: 400 },
  InvalidAttributeValue: { queryCode: 'InvalidAttributeValue', status: 400 },
  InvalidParameterValueException: { queryCode: 'InvalidParameterValue', status: 400 },
  MissingRequiredParameterException: { queryCode: 'MissingParameter', status: 400 },
  InvalidMessageContents: { queryCode: 'InvalidMessageContents', status: 400 },
  ReceiptHandleIsInvalid: { queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  MessageNotInflight: { queryCode: 'AWS.SimpleQueueService.MessageNotInflight', status: 400 },
  EmptyBatchRequest: { queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  TooManyEntriesInBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  BatchEntryIdsNotDistinct: { queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  InvalidBatchEntryId: { queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400 },
  BatchRequestTooLong: { queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400 },
  PurgeQueueInProgress: { queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 },
  ResourceNotFoundException: { queryCode: 'ResourceNotFoundException', status: 404 },
  UnsupportedOperation: { queryCode: 'AWS.SimpleQueueService.UnsupportedOperation', status: 400 },
  InvalidAddress: { queryCode: 'InvalidAddress', status: 404 },
};

/** Throws-ready SQS error with AWS's status for the shape. */
export function sqsError(shape: keyof typeof SQS_ERRORS, message: string): AwsError {
  const spec = SQS_ERRORS[shape];
  // The JSON protocol still names the query protocol's code in this header; SDKs read the code from it.
  const headers: Record<string, string> = spec ? { 'x-amzn-query-error': `${spec.queryCode};Sender` } : {};
  return new AwsError(shape, message, spec?.status ?? 400, {}, headers);
}

/** The message AWS gives for a queue that is not there. */
export function queueDoesNotExist(): AwsError {
  return sqsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/** InvalidParameterValue in AWS's "Value X for parameter Y is invalid. Reason: Z" form. */
export function invalidParameter(name: string, value: unknown, reason: string): AwsError {
  return sqsError(
    'InvalidParameterValueException',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );
}

/** MissingParameter for a required request field. */
export function missingParameter(name: string): AwsError {
  return sqsError('MissingRequiredParameterException', `The request must contain the parameter ${name}.`);
}
