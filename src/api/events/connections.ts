// Connection operations: CreateConnection, DescribeConnection, UpdateConnection, DeleteConnection,
// DeauthorizeConnection, ListConnections. Secrets go in and never come out: DescribeConnection answers
// with AuthParameters without them, as AWS does (API_DescribeConnection.html).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../shared/aws-error.js';
import {
  AUTHORIZATION_TYPES,
  mergeAuth,
  redacted,
  type AuthParameters,
  type AuthorizationType,
  type Connection,
} from '../../services/bus/connections.js';
import type { BusService } from '../../services/bus/service.js';
import { compact, page, seconds, str, Violations } from './validation.js';

type Wire = Record<string, unknown>;

/** The credentials each authorization type needs, by AuthParameters member. */
const REQUIRED_AUTH: Record<AuthorizationType, keyof AuthParameters> = {
  API_KEY: 'ApiKeyAuthParameters',
  BASIC: 'BasicAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
};

/** `Failed to <verb> the connection(s). Connection '<name>' does not exist.` */
export function connectionNotFound(name: string, verb = 'describe'): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Failed to ${verb} the connection(s). Connection '${name}' does not exist.`,
  );
}

/** The operations on connections. */
export function connectionOperations(bus: BusService) {
  const http = () => bus.httpDestinations;
  const find = (input: Wire, verb: string): Connection => {
    new Violations().name(input.Name, 'name').throwIfAny();
    const connection = http().connections.get(input.Name as string);
    if (!connection) throw connectionNotFound(input.Name as string, verb);
    return connection;
  };
  const times = (c: Connection) =>
    compact({
      CreationTime: seconds(c.createdAt),
      LastModifiedTime: seconds(c.modifiedAt),
      LastAuthorizedTime: seconds(c.authorizedAt),
    });
  const summary = (c: Connection) =>
    compact({
      ConnectionArn: c.arn,
      Name: c.name,
      ConnectionState: c.state,
      StateReason: c.stateReason,
      AuthorizationType: c.authorizationType,
      ...times(c),
    });
  /** Saves a changed connection and tells the token cache. */
  const save = (connection: Connection) => {
    http().connections.put(connection);
    http().changed(connection);
  };
  return {
    CreateConnection: (input: Wire) => {
      const violations = new Violations().name(input.Name, 'name');
      authorizationType(violations, input.AuthorizationType, true);
      if (input.AuthParameters === undefined || input.AuthParameters === null)
        violations.add(null, 'authParameters', 'Member must not be null');
      description(violations, input.Description);
      violations.throwIfAny();
      const name = input.Name as string;
      const type = input.AuthorizationType as AuthorizationType;
      const auth = input.AuthParameters as AuthParameters;
      checkAuth(type, auth);
      if (http().connections.get(name))
        throw new AwsError('ResourceAlreadyExistsException', `Connection ${name} already exists.`);
      const uuid = randomUUID();
      const now = Date.now();
      const { region, accountId } = bus.scope;
      const connection: Connection = {
        name,
        arn: `arn:aws:events:${region}:${accountId}:connection/${name}/${uuid}`,
        secretArn: `arn:aws:secretsmanager:${region}:${accountId}:secret:events!connection/${name}/${uuid}-${uuid.slice(0, 6)}`,
        origin: 'api',
        description: str(input, 'Description'),
        authorizationType: type,
        authParameters: auth,
        // OAuth connections authorize in the background (AUTHORIZING until a token arrives).
        state: type === 'OAUTH_CLIENT_CREDENTIALS' ? 'AUTHORIZING' : 'AUTHORIZED',
        createdAt: now,
        modifiedAt: now,
        authorizedAt: type === 'OAUTH_CLIENT_CREDENTIALS' ? undefined : now,
      };
      save(connection);
      return compact({
        ConnectionArn: connection.arn,
        ConnectionState: connection.state,
        ...times(connection),
      });
    },
    DescribeConnection: (input: Wire) => {
      const c = find(input, 'describe');
      return compact({
        ...summary(c),
        Description: c.description,
        SecretArn: c.secretArn,
        AuthParameters: redacted(c.authParameters),
      });
    },
    UpdateConnection: (input: Wire) => {
      const violations = new Violations().name(input.Name, 'name');
      authorizationType(violations, input.AuthorizationType, false);
      description(violations, input.Description);
      violations.throwIfAny();
      const old = find(input, 'update');
      const type = (input.AuthorizationType as AuthorizationType | undefined) ?? old.authorizationType;
      const update = input.AuthParameters as AuthParameters | undefined;
      // A new authorization type brings its own parameters; the same type merges into the old ones.
      const auth = update
        ? type === old.authorizationType
          ? mergeAuth(old.authParameters, update)
          : update
        : old.authParameters;
      checkAuth(type, auth);
      const now = Date.now();
      const oauth = type === 'OAUTH_CLIENT_CREDENTIALS';
      const connection: Connection = {
        ...old,
        origin: 'api',
        description: str(input, 'Description') ?? old.description,
        authorizationType: type,
        authParameters: auth,
        state: oauth ? 'AUTHORIZING' : 'AUTHORIZED',
        stateReason: undefined,
        modifiedAt: now,
        authorizedAt: oauth ? old.authorizedAt : now,
      };
      save(connection);
      return compact({
        ConnectionArn: connection.arn,
        ConnectionState: connection.state,
        ...times(connection),
      });
    },
    DeleteConnection: (input: Wire) => {
      const c = find(input, 'delete');
      http().connections.delete(c.name);
      http().changed(c);
      return compact({ ConnectionArn: c.arn, ConnectionState: 'DELETING', ...times(c) });
    },
    DeauthorizeConnection: (input: Wire) => {
      const c = find(input, 'deauthorize');
      // The credentials are removed; the connection stays, DEAUTHORIZED, until UpdateConnection gives new ones.
      const connection: Connection = {
        ...c,
        authParameters: redacted(c.authParameters),
        state: 'DEAUTHORIZED',
        stateReason: undefined,
        modifiedAt: Date.now(),
      };
      save(connection);
      return compact({ ConnectionArn: c.arn, ConnectionState: 'DEAUTHORIZING', ...times(connection) });
    },
    ListConnections: (input: Wire) => {
      const prefix = str(input, 'NamePrefix') ?? '';
      const state = str(input, 'ConnectionState');
      const all = http()
        .connections.all()
        .filter((c) => c.name.startsWith(prefix) && (state === undefined || c.state === state));
      const { items, nextToken } = page(all, input);
      return compact({ Connections: items.map(summary), NextToken: nextToken });
    },
  };
}

function authorizationType(violations: Violations, value: unknown, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) violations.add(null, 'authorizationType', 'Member must not be null');
    return;
  }
  if (!(AUTHORIZATION_TYPES as readonly unknown[]).includes(value))
    violations.add(
      value,
      'authorizationType',
      `Member must satisfy enum value set: [${AUTHORIZATION_TYPES.join(', ')}]`,
    );
}

function description(violations: Violations, value: unknown): void {
  if (typeof value === 'string' && value.length > 512)
    violations.add(value, 'description', 'Member must have length less than or equal to 512');
}

/** The parameters of the authorization type must be there, and only they. */
function checkAuth(type: AuthorizationType, auth: AuthParameters): void {
  const needed = REQUIRED_AUTH[type];
  if (!auth[needed])
    throw new AwsError('ValidationException', `${needed} must be specified for AuthorizationType ${type}.`);
  for (const member of Object.values(REQUIRED_AUTH)) {
    if (member !== needed && auth[member] !== undefined)
      throw new AwsError(
        'ValidationException',
        `Only ${needed} can be specified for AuthorizationType ${type}.`,
      );
  }
}
