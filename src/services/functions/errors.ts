// The errors the functions service raises to its callers: the Lambda API's own error codes (api/ maps
// an EddyError's code to the wire) and the failure of a function called through the router.
import { EddyError } from '../../shared/errors.js';
import type { LambdaErrorDocument } from './runtime/protocol.js';

/** Lambda's `ResourceNotFoundException` for an unknown function name or ARN (HTTP 404). */
export class FunctionNotFoundError extends EddyError {
  readonly status = 404;
  constructor(nameOrArn: string, region: string, accountId: string) {
    const arn = nameOrArn.startsWith('arn:')
      ? nameOrArn
      : `arn:aws:lambda:${region}:${accountId}:function:${nameOrArn}`;
    super('ResourceNotFoundException', `Function not found: ${arn}`, {
      fix: 'Check the function name (eddy dev lists the functions of the template).',
    });
  }
}

/** Lambda's `InvalidRequestContentException` for a payload that is not JSON (HTTP 400). */
export class InvalidPayloadError extends EddyError {
  readonly status = 400;
  constructor(detail: string) {
    super('InvalidRequestContentException', `Could not parse request body into json: ${detail}`);
  }
}

/** Lambda's `RequestTooLargeException`: 6 MB for synchronous payloads, 1 MB for Event (HTTP 413). */
export class RequestTooLargeError extends EddyError {
  readonly status = 413;
  constructor(limitBytes: number) {
    super(
      'RequestTooLargeException',
      `Request must be smaller than ${limitBytes} bytes for the InvokeFunction operation`,
    );
  }
}

/** A function called through the router failed; carries Lambda's error document. */
export class FunctionInvocationError extends Error {
  /** The error document's errorType (`Error`, `Sandbox.Timedout`, ...), which Step Functions matches. */
  readonly errorType: string;
  constructor(
    readonly functionArn: string,
    readonly document: LambdaErrorDocument,
  ) {
    super(document.errorMessage);
    this.name = document.errorType;
    this.errorType = document.errorType;
  }
}
