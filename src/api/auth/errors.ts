// The answer to a request refused by `--auth`, in the protocol the client speaks and with the codes and
// texts each AWS protocol uses for it (JSON services, the SQS query protocol, S3's XML).
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
import { encodeQueryError } from '../sqs/query-encode.js';
import { escapeXml } from '../xml-escape.js';
import type { ApiRequest, RestResponse } from '../protocol.js';
import type { AuthFailure } from './sigv4.js';

type Protocol = 'json' | 'query' | 's3';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

function protocolOf(request: ApiRequest, service: string | undefined): Protocol {
  if (request.headers['x-amz-target']) return 'json';
  const form = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (form && request.method === 'POST' && (service === undefined || service === 'sqs')) return 'query';
  if (service === 's3') return 's3';
  if (service !== undefined) return 'json';
  return /^\/(2015-03-31|v1\/pipes)\b/.test(request.path) ? 'json' : 's3';
}

function codeAndMessage(failure: AuthFailure, protocol: Protocol): [number, string, string] {
  switch (failure.kind) {
    case 'missing':
      if (protocol === 's3') return [403, 'AccessDenied', 'Access Denied'];
      if (protocol === 'query')
        return [403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'];
      return [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'];
    case 'incomplete':
      if (protocol === 's3') return [400, 'AuthorizationHeaderMalformed', failure.detail];
      return [
        400,
        protocol === 'query' ? 'IncompleteSignature' : 'IncompleteSignatureException',
        failure.detail,
      ];
    case 'unknown-key':
      if (protocol === 's3')
        return [
          403,
          'InvalidAccessKeyId',
          'The AWS Access Key Id you provided does not exist in our records.',
        ];
      return [
        403,
        protocol === 'query' ? 'InvalidClientTokenId' : 'UnrecognizedClientException',
        INVALID_TOKEN,
      ];
    case 'expired':
      if (protocol === 's3')
        return [
          403,
          'RequestTimeTooSkewed',
          'The difference between the request time and the current time is too large.',
        ];
      return [
        403,
        protocol === 'query' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
        `Signature expired: ${failure.detail} is now earlier than the allowed 15 minutes from the server's time.`,
      ];
    case 'mismatch':
      if (protocol === 's3')
        return [
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        ];
      return [403, protocol === 'query' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException', MISMATCH];
  }
}

/** The HTTP answer refusing `request` for `failure`. */
export function authFailureResponse(request: ApiRequest, failure: AuthFailure): RestResponse {
  const protocol = protocolOf(request, failure.service);
  const [status, code, message] = codeAndMessage(failure, protocol);
  const id = request.requestId;
  if (protocol === 'query')
    return {
      status,
      headers: { 'content-type': 'text/xml' },
      body: encodeQueryError(code, message, true, id),
    };
  if (protocol === 's3') {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${id}</RequestId><HostId>eddy</HostId></Error>`;
    return {
      status,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': id },
      body: request.method === 'HEAD' ? '' : body,
    };
  }
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message, Message: message }),
  };
}
