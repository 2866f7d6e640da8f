// AWS JSON 1.0 / 1.1: the operation comes from `X-Amz-Target`, input and output are JSON bodies, errors
// are `{"__type": code, "message": text}` with the HTTP status.
// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
import type { ServerResponse } from 'node:http';
import { AwsError, serializationError } from './aws-error.js';
import type { ApiRequest, JsonApi } from './protocol.js';

/** Deepest nesting a JSON request body may have; deeper bodies are rejected before parsing. */
const MAX_JSON_DEPTH = 512;

/** Parses a JSON request body, rejecting what AWS rejects (not an object, too deep, invalid). */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw serializationError('The request body is nested too deeply.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw serializationError();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serializationError();
  return value as Record<string, unknown>;
}

/** The deepest nesting of objects and arrays in JSON text, counted without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Runs one JSON operation and writes its response or its AWS-shaped error. */
export async function handleJson(api: JsonApi, operation: string, request: ApiRequest, res: ServerResponse) {
  const contentType = `application/x-amz-json-${api.version}`;
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body ?? {});
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': request.requestId,
    });
    res.end(text);
  };
  const handler = Object.hasOwn(api.operations, operation) ? api.operations[operation] : undefined;
  try {
    if (!handler)
      throw new AwsError('UnknownOperationException', `Unknown operation ${api.targetPrefix}.${operation}`);
    send(200, await handler(parseJsonBody(request.body), request));
  } catch (error) {
    const aws = toAwsError(error);
    res.setHeader('x-amzn-errortype', aws.code);
    for (const [name, value] of Object.entries(aws.headers)) res.setHeader(name, value);
    send(aws.status, { __type: aws.code, message: aws.message, ...aws.extra });
  }
}

/** Any thrown value as an AwsError: unknown failures become InternalFailure (500). */
export function toAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  return new AwsError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
}
