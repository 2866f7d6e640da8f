// EventBridge connections: how API destinations authorize (API key header, basic auth, OAuth client
// credentials) plus the extra header, query and body parameters of every call. Template connections and
// API-created ones live side by side (the template wins for what it declares on reload); API-created ones
// are stored so they survive a restart. Credentials stay in eddy's process and store: `redacted` is the
// only view the API and the traces get (docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection.html).
import type { ConnectionResources } from '../../store/connections.js';
import type { AppModel } from '../../template/model.js';
import type { Origin } from './model.js';

/** Connection authorization types, in the order AWS's validation message lists them. */
export const AUTHORIZATION_TYPES = ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'] as const;

/** How a connection authorizes. */
export type AuthorizationType = (typeof AUTHORIZATION_TYPES)[number];

/** Connection states, as DescribeConnection names them. */
export type ConnectionState =
  | 'CREATING'
  | 'UPDATING'
  | 'DELETING'
  | 'AUTHORIZED'
  | 'DEAUTHORIZED'
  | 'AUTHORIZING'
  | 'DEAUTHORIZING'
  | 'ACTIVE'
  | 'FAILED_CONNECTIVITY';

/** One extra header, query string or body parameter. */
export interface ConnectionHttpParameter {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}

/** Extra parameters of every invocation (or of the OAuth token request). */
export interface ConnectionHttpParameters {
  HeaderParameters?: ConnectionHttpParameter[];
  QueryStringParameters?: ConnectionHttpParameter[];
  BodyParameters?: ConnectionHttpParameter[];
}

/** AuthParameters as CreateConnection and CloudFormation take them, secrets included. */
export interface AuthParameters {
  ApiKeyAuthParameters?: { ApiKeyName?: string; ApiKeyValue?: string };
  BasicAuthParameters?: { Username?: string; Password?: string };
  OAuthParameters?: {
    ClientParameters?: { ClientID?: string; ClientSecret?: string };
    AuthorizationEndpoint?: string;
    HttpMethod?: string;
    OAuthHttpParameters?: ConnectionHttpParameters;
  };
  InvocationHttpParameters?: ConnectionHttpParameters;
}

/** A connection. */
export interface Connection {
  name: string;
  arn: string;
  secretArn: string;
  origin: Origin;
  description?: string;
  authorizationType: AuthorizationType;
  authParameters: AuthParameters;
  state: ConnectionState;
  stateReason?: string;
  /** Epoch ms. */
  createdAt: number;
  modifiedAt: number;
  authorizedAt?: number;
}

/** The connections running now. */
export class ConnectionRegistry {
  private readonly byName = new Map<string, Connection>();

  constructor(private readonly stored: ConnectionResources) {}

  /** Loads the API-created connections of an earlier run. */
  loadStored(): void {
    for (const connection of this.stored.list<Connection>('connection'))
      this.byName.set(connection.name, connection);
  }

  /** Applies the template: adds and changes what it declares, removes what it no longer declares. */
  applyTemplate(app: AppModel, now: number): void {
    const models = app.connections ?? [];
    const declared = new Set(models.map((m) => m.name));
    for (const connection of [...this.byName.values()])
      if (connection.origin === 'template' && !declared.has(connection.name)) this.delete(connection.name);
    for (const model of models) {
      const existing = this.byName.get(model.name);
      if (existing?.origin === 'api') this.stored.delete('connection', model.name);
      const type = model.authorizationType as AuthorizationType;
      const oauth = type === 'OAUTH_CLIENT_CREDENTIALS';
      this.put({
        name: model.name,
        arn: model.arn,
        secretArn: model.secretArn,
        origin: 'template',
        description: model.description,
        authorizationType: type,
        authParameters: model.authParameters as AuthParameters,
        // OAuth ones get their token in the background (HttpDestinations.applyTemplate).
        state: oauth ? 'AUTHORIZING' : 'AUTHORIZED',
        createdAt: existing?.createdAt ?? now,
        modifiedAt: now,
        authorizedAt: oauth ? existing?.authorizedAt : now,
      });
    }
  }

  /** A connection by name. */
  get(name: string): Connection | undefined {
    return this.byName.get(name);
  }

  /** A connection by ARN (`arn:...:connection/<name>/<uuid>`; the name is enough to find it). */
  byArn(arn: string): Connection | undefined {
    const name = /:connection\/([^/]+)/.exec(arn)?.[1];
    const found = name === undefined ? undefined : this.byName.get(name);
    return found && (found.arn === arn || arn.endsWith(`:connection/${name}`)) ? found : undefined;
  }

  /** Every connection, in creation order. */
  all(): Connection[] {
    return [...this.byName.values()];
  }

  /** Adds or replaces a connection; API-created ones are stored. */
  put(connection: Connection): void {
    this.byName.set(connection.name, connection);
    if (connection.origin === 'api') this.stored.put('connection', connection.name, connection);
  }

  /** Removes a connection. */
  delete(name: string): void {
    this.byName.delete(name);
    this.stored.delete('connection', name);
  }
}

/** AuthParameters without their secrets: what DescribeConnection returns and traces may show. */
export function redacted(auth: AuthParameters): AuthParameters {
  const out: AuthParameters = {};
  if (auth.ApiKeyAuthParameters)
    out.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (auth.BasicAuthParameters) out.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (auth.OAuthParameters) {
    const { ClientParameters, OAuthHttpParameters, ...rest } = auth.OAuthParameters;
    out.OAuthParameters = {
      ...rest,
      ...(ClientParameters ? { ClientParameters: { ClientID: ClientParameters.ClientID } } : {}),
      ...(OAuthHttpParameters ? { OAuthHttpParameters: redactedHttp(OAuthHttpParameters) } : {}),
    };
  }
  if (auth.InvocationHttpParameters)
    out.InvocationHttpParameters = redactedHttp(auth.InvocationHttpParameters);
  return out;
}

/** Parameters marked IsValueSecret keep their key and lose their value. */
function redactedHttp(http: ConnectionHttpParameters): ConnectionHttpParameters {
  const strip = (list?: ConnectionHttpParameter[]) =>
    list?.map((p) => (p.IsValueSecret ? { Key: p.Key, IsValueSecret: true } : p));
  const out: ConnectionHttpParameters = {};
  if (http.HeaderParameters) out.HeaderParameters = strip(http.HeaderParameters);
  if (http.QueryStringParameters) out.QueryStringParameters = strip(http.QueryStringParameters);
  if (http.BodyParameters) out.BodyParameters = strip(http.BodyParameters);
  return out;
}

/** UpdateConnection's AuthParameters over the stored ones: members given replace, members left out stay. */
export function mergeAuth(old: AuthParameters, update: AuthParameters): AuthParameters {
  const merged: Record<string, unknown> = { ...old };
  for (const [key, value] of Object.entries(update)) {
    const before = (old as Record<string, unknown>)[key];
    merged[key] = isObject(before) && isObject(value) ? mergeObjects(before, value) : value;
  }
  return merged as AuthParameters;
}

function mergeObjects(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b))
    out[key] = isObject(a[key]) && isObject(value) ? mergeObjects(a[key], value) : value;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
