// OAuth client credentials for connections: the client id and secret are exchanged at the connection's
// authorization endpoint for an access token, which is cached per connection until it is within 60 s of
// its expiry or the endpoint answers 401/407 (docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-auth.html).
import { AwsError } from '../../shared/aws-error.js';
import type { Connection, ConnectionHttpParameters } from './connections.js';
import { loadUndici } from '../../shared/undici.js';

/** A token is refreshed this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;
/** Token requests, like invocations, give up after 5 s. */
const TIMEOUT_MS = 5_000;

interface CachedToken {
  token: string;
  /** Epoch ms; Infinity when the endpoint gave no expires_in. */
  expiresAt: number;
}

/** Access tokens per connection, fetched on first use and cached. */
export class OAuthTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly now: () => number) {}

  /** A valid token for the connection, fetched when there is none or it is about to expire. */
  async token(connection: Connection): Promise<string> {
    const cached = this.cache.get(connection.arn);
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > this.now()) return cached.token;
    let fetching = this.pending.get(connection.arn);
    if (!fetching) {
      fetching = this.fetch(connection).finally(() => this.pending.delete(connection.arn));
      this.pending.set(connection.arn, fetching);
    }
    return fetching;
  }

  /** Forgets a connection's token (its endpoint answered 401/407, or the connection changed). */
  forget(connectionArn: string): void {
    this.cache.delete(connectionArn);
  }

  private async fetch(connection: Connection): Promise<string> {
    const oauth = connection.authParameters.OAuthParameters ?? {};
    const client = oauth.ClientParameters ?? {};
    const extra = oauth.OAuthHttpParameters ?? {};
    const method = (oauth.HttpMethod ?? 'POST').toUpperCase();
    const url = withQuery(oauth.AuthorizationEndpoint ?? '', extra);
    const credentials = Buffer.from(`${client.ClientID ?? ''}:${client.ClientSecret ?? ''}`).toString(
      'base64',
    );
    const headers: Record<string, string> = { authorization: `Basic ${credentials}` };
    for (const h of extra.HeaderParameters ?? []) if (h.Key) headers[h.Key.toLowerCase()] = h.Value ?? '';
    let body: string | undefined;
    if (method !== 'GET') {
      const form = new URLSearchParams();
      for (const b of extra.BodyParameters ?? []) if (b.Key) form.append(b.Key, b.Value ?? '');
      if (![...form.keys()].includes('grant_type')) form.append('grant_type', 'client_credentials');
      body = form.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    // undici is loaded on first use, as for HTTP targets (start-up cost).
    const { request } = await loadUndici();
    let status: number;
    let text: string;
    try {
      const response = await request(url, {
        method: method as 'GET' | 'POST' | 'PUT',
        headers,
        body,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw authorizationFailed(connection, (error as Error).message);
    }
    if (status >= 300)
      throw authorizationFailed(connection, `HTTP ${status} from the authorization endpoint`);
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw authorizationFailed(connection, 'the authorization endpoint did not answer with JSON');
    }
    if (typeof parsed.access_token !== 'string')
      throw authorizationFailed(connection, 'the authorization endpoint answered without access_token');
    const seconds = Number(parsed.expires_in);
    const expiresAt = Number.isFinite(seconds) && seconds > 0 ? this.now() + seconds * 1000 : Infinity;
    this.cache.set(connection.arn, { token: parsed.access_token, expiresAt });
    return parsed.access_token;
  }
}

/** The URL with the connection's query string parameters appended. */
export function withQuery(url: string, http: ConnectionHttpParameters): string {
  const params = (http.QueryStringParameters ?? []).filter((q) => q.Key);
  if (params.length === 0) return url;
  const query = new URLSearchParams(params.map((q): [string, string] => [q.Key!, q.Value ?? ''])).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** The failure an invocation reports when the connection cannot get a token (retried like a 5xx). */
function authorizationFailed(connection: Connection, reason: string): AwsError {
  return new AwsError(
    'OAUTH_AUTHORIZATION_FAILED',
    `Connection ${connection.name} could not be authorized: ${reason}`,
    500,
  );
}
