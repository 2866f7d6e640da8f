// The SQS query protocol (form-encoded POST with `Action=...`, XML responses) for older clients: served at
// `/` and at queue URLs (`/{account}/{queue}`, where the queue URL may be left out of the form).
import { AwsError } from '../../shared/aws-error.js';
import { SQS_ERRORS } from '../../services/queues/errors.js';
import type { QueuesService } from '../../services/queues/service.js';
import type { ApiRequest, RestResponse, RestRoute } from '../protocol.js';
import { sqsOperations } from './json.js';
import { decodeQueryRequest } from './query-decode.js';
import { encodeQueryError, encodeQueryResponse } from './query-encode.js';

function xml(status: number, body: string, headers: Record<string, string> = {}): RestResponse {
  return { status, headers: { 'content-type': 'text/xml', ...headers }, body };
}

/** The query-protocol routes over the running queues service. */
export function sqsQueryRoutes(service: QueuesService): RestRoute[] {
  const operations = sqsOperations(service);
  const handle = async (request: ApiRequest, params: Record<string, string>): Promise<RestResponse> => {
    const form = new URLSearchParams(request.query);
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) form.append(k, v);
    const { action, input } = decodeQueryRequest(form);
    if (params.queue && input.QueueUrl === undefined) {
      input.QueueUrl = `${service.engine.config.endpoint}/${params.account}/${params.queue}`;
    }
    const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
    try {
      if (!operation)
        throw new AwsError(
          'InvalidAction',
          `The action ${action || '(none)'} is not valid for this endpoint.`,
        );
      const output = await operation(input, request);
      return xml(200, encodeQueryResponse(action, output, request.requestId));
    } catch (error) {
      const aws = error instanceof AwsError ? error : new AwsError('InternalError', String(error), 500);
      const code = SQS_ERRORS[aws.code]?.queryCode ?? aws.code;
      const sender = aws.status < 500;
      return xml(aws.status, encodeQueryError(code, aws.message, sender, request.requestId), {
        'x-amzn-query-error': `${code};${sender ? 'Sender' : 'Receiver'}`,
      });
    }
  };
  return [
    { method: 'POST', path: '/', handle },
    { method: 'POST', path: '/{account}/{queue}', handle },
  ];
}
