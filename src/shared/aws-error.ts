// AWS-shaped errors for the wire: a `__type` code, a message and an HTTP status, as each protocol
// encodes them (JSON 1.0/1.1 body with `__type`, REST JSON with `x-amzn-errortype`, S3 XML).

/** An error an API returns to its client. Services throw these; api/ encodes them. */
export class AwsError extends Error {
  constructor(
    /** The AWS error code, e.g. `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
    /** HTTP status; 400 unless the AWS API documents another. */
    readonly status = 400,
    /** Extra fields some APIs add to the error body. */
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers some APIs send with the error (SQS's `x-amzn-query-error`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** The error AWS JSON protocols return for a body that is not valid JSON. */
export function serializationError(
  message = 'Start of structure or map found where not expected.',
): AwsError {
  return new AwsError('SerializationException', message, 400);
}
