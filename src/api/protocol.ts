// What an API adapter declares: the AWS JSON operations it serves (by X-Amz-Target prefix) and the
// REST routes it serves (by method and path). The server (api/server.ts) dispatches to them.
import type { IncomingHttpHeaders } from 'node:http';

/** The request an operation receives after the protocol decoded it. */
export interface ApiRequest {
  method: string;
  /** Path without the query string, with `.`/`..` segments resolved (as URL parsing does). */
  path: string;
  /** The path exactly as sent (still percent-encoded, `..` kept), for services that must refuse it. */
  rawPath?: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body. */
  body: Buffer;
  /** The request id answered in `x-amzn-requestid`. */
  requestId: string;
}

/** One AWS JSON operation: the decoded input object in, the output object out (or an AwsError thrown). */
export type JsonOperation = (
  input: Record<string, unknown>,
  request: ApiRequest,
) => Promise<unknown> | unknown;

/** An AWS JSON 1.0 / 1.1 service: `X-Amz-Target: <targetPrefix>.<Operation>`. */
export interface JsonApi {
  targetPrefix: string;
  version: '1.0' | '1.1';
  operations: Record<string, JsonOperation>;
}

/** A REST response: status, headers and a body (an object is sent as JSON). */
export interface RestResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/** One REST route: a method and a path pattern with `{name}` segments (`{key+}` takes the rest). */
export interface RestRoute {
  method: string;
  path: string;
  handle(request: ApiRequest, params: Record<string, string>): Promise<RestResponse> | RestResponse;
}

/** What an API adapter contributes to the server. */
export interface ApiAdapter {
  json?: JsonApi[];
  rest?: RestRoute[];
}
