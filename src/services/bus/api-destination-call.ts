// One call to an API destination: the endpoint with its `*` wildcards filled from PathParameterValues,
// the connection's and the target's headers and query string parameters, the connection's body
// parameters merged into a JSON object body, the connection's authorization, AWS's 5 s timeout and its
// retry classes: 401, 407, 409, 429 and 5xx (and timeouts) are retried, other answers fail at once
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html).
import { AwsError } from '../../shared/aws-error.js';
import { lookupJsonPath } from '../../transform/index.js';
import type { ApiDestination, ApiDestinationRegistry } from './api-destinations.js';
import type { Connection, ConnectionRegistry } from './connections.js';
import type { OAuthTokens } from './oauth.js';
import { withQuery } from './oauth.js';
import type { RateLimiter } from './rate-limiter.js';
import { loadUndici } from '../../shared/undici.js';

/** EventBridge gives an API destination this long to answer. */
const TIMEOUT_MS = 5_000;
/** Statuses EventBridge retries. */
const RETRIED = new Set([401, 407, 409, 429]);

/** A target's HttpParameters (rules and pipes use the same member names). */
export interface HttpParameters {
  PathParameterValues?: unknown[];
  HeaderParameters?: Record<string, unknown>;
  QueryStringParameters?: Record<string, unknown>;
}

/** What a call needs. */
export interface ApiDestinationDeps {
  connections: ConnectionRegistry;
  destinations: ApiDestinationRegistry;
  tokens: OAuthTokens;
  limiter: RateLimiter;
}

/** The endpoint's answer. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** Calls the API destination `arn` with `body`; resolves with its answer, rejects when the call fails. */
export async function invokeApiDestination(
  deps: ApiDestinationDeps,
  arn: string,
  body: string,
  http: HttpParameters = {},
): Promise<HttpAnswer> {
  const destination = deps.destinations.byArn(arn);
  if (!destination)
    throw new AwsError('ResourceNotFoundException', `API destination ${arn} does not exist.`, 404);
  const connection = deps.connections.byArn(destination.connectionArn);
  if (!connection)
    throw new AwsError(
      'ResourceNotFoundException',
      `Connection ${destination.connectionArn} does not exist.`,
      404,
    );
  if (!canInvoke(connection)) {
    throw new AwsError('NOT_RETRYABLE', `Connection ${connection.name} is ${connection.state.toLowerCase()}`);
  }
  const invocation = connection.authParameters.InvocationHttpParameters ?? {};
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Amazon/EventBridge/ApiDestinations',
  };
  for (const [key, value] of Object.entries(http.HeaderParameters ?? {}))
    headers[key.toLowerCase()] = String(value);
  // The connection's own parameters win over the target's: they are part of its authorization.
  for (const h of invocation.HeaderParameters ?? []) if (h.Key) headers[h.Key.toLowerCase()] = h.Value ?? '';
  await authorize(deps, connection, headers);
  const url = withQuery(endpointUrl(destination, http), {
    QueryStringParameters: [
      ...Object.entries(http.QueryStringParameters ?? {})
        .filter(([key]) => !(invocation.QueryStringParameters ?? []).some((q) => q.Key === key))
        .map(([Key, Value]) => ({ Key, Value: String(Value) })),
      ...(invocation.QueryStringParameters ?? []),
    ],
  });
  const method = destination.httpMethod.toUpperCase();
  const sent = method === 'GET' || method === 'HEAD' ? undefined : withBodyParameters(body, connection);
  // undici is loaded before the slot is taken, so the first call's load time does not eat into the pacing.
  const { request } = await loadUndici();
  await deps.limiter.take(destination.arn, destination.invocationRateLimitPerSecond);
  let answer: HttpAnswer;
  try {
    const response = await request(url, {
      method: method as 'POST',
      headers,
      body: sent,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    answer = { status: response.statusCode, body: await response.body.text() };
  } catch (error) {
    throw new AwsError('HTTP_ERROR', `${destination.name}: ${(error as Error).message}`, 500);
  }
  if (answer.status === 401 || answer.status === 407) deps.tokens.forget(connection.arn);
  if (answer.status >= 400) {
    const retried = RETRIED.has(answer.status) || answer.status >= 500;
    throw new AwsError(
      retried ? 'HTTP_ERROR' : 'NOT_RETRYABLE',
      `HTTP ${answer.status} from API destination ${destination.name}`,
      answer.status,
    );
  }
  return answer;
}

/** The invocation endpoint with each `*` replaced, in order, by a PathParameterValues entry. */
export function endpointUrl(destination: ApiDestination, http: HttpParameters): string {
  const values = (http.PathParameterValues ?? []).map((v) => encodeURIComponent(String(v)));
  let i = 0;
  return destination.invocationEndpoint.replace(/\*/g, () => (i < values.length ? values[i++] : ''));
}

/**
 * HttpParameters with dynamic values read from `event`: a value that is a JSON path (`$.detail.id`) is
 * replaced by what it finds (eb-targets.html#targets-specifics-dynamic); a path that finds nothing
 * leaves the parameter out.
 */
export function resolveDynamic(http: HttpParameters | undefined, event: unknown): HttpParameters {
  if (!http) return {};
  const value = (v: unknown): unknown => {
    if (typeof v !== 'string' || !v.startsWith('$.')) return v;
    const found = lookupJsonPath(v, event);
    if (!found.found) return undefined;
    return typeof found.value === 'object' && found.value !== null
      ? JSON.stringify(found.value)
      : found.value;
  };
  const map = (m?: Record<string, unknown>) =>
    m &&
    Object.fromEntries(
      Object.entries(m).flatMap(([k, v]) => (value(v) === undefined ? [] : [[k, value(v)]])),
    );
  return {
    PathParameterValues: http.PathParameterValues?.map((v) => value(v) ?? ''),
    HeaderParameters: map(http.HeaderParameters),
    QueryStringParameters: map(http.QueryStringParameters),
  };
}

/** A deauthorized connection (DeauthorizeConnection removed its secrets) cannot invoke. */
function canInvoke(connection: Connection): boolean {
  return connection.state !== 'DEAUTHORIZED' && connection.state !== 'DEAUTHORIZING'
    ? true
    : connection.authorizationType === 'OAUTH_CLIENT_CREDENTIALS' &&
        Boolean(connection.authParameters.OAuthParameters?.ClientParameters?.ClientSecret);
}

async function authorize(deps: ApiDestinationDeps, connection: Connection, headers: Record<string, string>) {
  const auth = connection.authParameters;
  if (connection.authorizationType === 'API_KEY' && auth.ApiKeyAuthParameters?.ApiKeyName) {
    headers[auth.ApiKeyAuthParameters.ApiKeyName.toLowerCase()] = auth.ApiKeyAuthParameters.ApiKeyValue ?? '';
  } else if (connection.authorizationType === 'BASIC') {
    const { Username = '', Password = '' } = auth.BasicAuthParameters ?? {};
    headers.authorization = `Basic ${Buffer.from(`${Username}:${Password}`).toString('base64')}`;
  } else if (connection.authorizationType === 'OAUTH_CLIENT_CREDENTIALS') {
    headers.authorization = `Bearer ${await deps.tokens.token(connection)}`;
    // A token in hand means the connection is authorized (it may have failed to be, earlier).
    if (connection.state !== 'AUTHORIZED')
      deps.connections.put({
        ...connection,
        state: 'AUTHORIZED',
        stateReason: undefined,
        authorizedAt: Date.now(),
      });
  }
}

/** The connection's BodyParameters added to a JSON object body (other bodies go as they are). */
function withBodyParameters(body: string, connection: Connection): string {
  const extra = connection.authParameters.InvocationHttpParameters?.BodyParameters ?? [];
  if (extra.length === 0) return body;
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return body;
    for (const b of extra) if (b.Key) (value as Record<string, unknown>)[b.Key] = b.Value ?? '';
    return JSON.stringify(value);
  } catch {
    return body;
  }
}
