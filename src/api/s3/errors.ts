// S3's error answer: an XML <Error> with Code, Message, the resource fields and the request id
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses). HEAD
// requests carry no body, so clients read the status alone.
import { toAwsError } from '../json-protocol.js';
import type { ApiRequest, RestResponse } from '../protocol.js';
import { xmlDocument, type XmlNode } from './xml.js';

/** The REST response for a failure. */
export function s3ErrorResponse(error: unknown, request: ApiRequest): RestResponse {
  const aws = toAwsError(error);
  const code = aws.code === 'InternalFailure' ? 'InternalError' : aws.code;
  const fields: XmlNode[] = [
    ['Code', code],
    ['Message', aws.message],
    ...Object.entries(aws.extra).map(([name, value]): XmlNode => [name, String(value)]),
    ['RequestId', request.requestId],
    ['HostId', 'eddy'],
  ];
  return {
    status: aws.status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': request.requestId },
    body: request.method === 'HEAD' ? '' : xmlDocument('Error', fields, false),
  };
}
