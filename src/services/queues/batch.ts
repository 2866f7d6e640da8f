// The batch operations' shared rules: 1 to 10 entries, distinct ids of letters, digits, `-` and `_` up to
// 80 characters, and each entry failing alone with its own code (SenderFault) while the others succeed.
import { AwsError } from '../../shared/aws-error.js';
import { sqsError, SQS_ERRORS } from './errors.js';
import type { BatchFailure } from './types.js';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Checks a batch's entries; throws the batch-level error SQS gives. */
export function checkBatch(entries: unknown, entryName: string): Array<Record<string, unknown>> {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw sqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  }
  if (entries.length > 10) {
    throw sqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries as Array<Record<string, unknown>>) {
    const id = String(entry?.Id ?? '');
    if (!ENTRY_ID.test(id)) {
      throw sqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries as Array<Record<string, unknown>>;
}

/** A failed entry, from the error its single-message operation would have thrown. */
export function batchFailure(id: string, error: unknown): BatchFailure {
  if (error instanceof AwsError) {
    const code = SQS_ERRORS[error.code]?.queryCode ?? error.code;
    return { Id: id, SenderFault: error.status < 500, Code: code, Message: error.message };
  }
  return { Id: id, SenderFault: false, Code: 'InternalError', Message: String(error) };
}
