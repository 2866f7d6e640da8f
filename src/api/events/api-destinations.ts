// API destination operations: CreateApiDestination, DescribeApiDestination, UpdateApiDestination,
// DeleteApiDestination, ListApiDestinations, with AWS's constraints (API_CreateApiDestination.html) and
// messages (../shared/conformance/eventbridge/api-errors.json).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../shared/aws-error.js';
import {
  API_DESTINATION_METHODS,
  DEFAULT_INVOCATION_RATE,
  nameInArn,
  type ApiDestination,
} from '../../services/bus/api-destinations.js';
import type { BusService } from '../../services/bus/service.js';
import { compact, page, seconds, str, Violations } from './validation.js';

type Wire = Record<string, unknown>;

const CONNECTION_ARN =
  '^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$';
const ENDPOINT = "^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$";

/** `Failed to <verb> the api-destination(s). An api-destination '<name>' does not exist.` */
function destinationNotFound(name: string, verb: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Failed to ${verb} the api-destination(s). An api-destination '${name}' does not exist.`,
  );
}

/** The operations on API destinations. */
export function apiDestinationOperations(bus: BusService) {
  const http = () => bus.httpDestinations;
  const find = (input: Wire, verb: string): ApiDestination => {
    new Violations().name(input.Name, 'name').throwIfAny();
    const found = http().destinations.get(input.Name as string);
    if (!found) throw destinationNotFound(input.Name as string, verb);
    return found;
  };
  /** ACTIVE while its connection can authorize calls, INACTIVE otherwise. */
  const state = (d: ApiDestination) => {
    const connection = http().connections.byArn(d.connectionArn);
    return connection && connection.state !== 'DEAUTHORIZED' ? 'ACTIVE' : 'INACTIVE';
  };
  const times = (d: ApiDestination) => ({
    CreationTime: seconds(d.createdAt),
    LastModifiedTime: seconds(d.modifiedAt),
  });
  const summary = (d: ApiDestination) =>
    compact({
      ApiDestinationArn: d.arn,
      Name: d.name,
      ApiDestinationState: state(d),
      ConnectionArn: d.connectionArn,
      InvocationEndpoint: d.invocationEndpoint,
      HttpMethod: d.httpMethod,
      InvocationRateLimitPerSecond: d.invocationRateLimitPerSecond,
      ...times(d),
    });
  /** The connection an ARN names must exist. */
  const connectionFor = (arn: string, verb: string) => {
    if (!http().connections.byArn(arn))
      throw new AwsError(
        'ResourceNotFoundException',
        `Failed to ${verb} the api-destination(s). Connection '${nameInArn(arn) ?? arn}' does not exist.`,
      );
  };
  const save = (d: ApiDestination) => {
    http().destinations.put(d);
    http().destinationChanged(d.arn);
    return compact({ ApiDestinationArn: d.arn, ApiDestinationState: state(d), ...times(d) });
  };
  return {
    CreateApiDestination: (input: Wire) => {
      validate(input, true);
      const name = input.Name as string;
      connectionFor(input.ConnectionArn as string, 'create');
      if (http().destinations.get(name))
        throw new AwsError('ResourceAlreadyExistsException', `An api-destination '${name}' already exists.`);
      const now = Date.now();
      const { region, accountId } = bus.scope;
      return save({
        name,
        arn: `arn:aws:events:${region}:${accountId}:api-destination/${name}/${randomUUID()}`,
        origin: 'api',
        description: str(input, 'Description'),
        connectionArn: input.ConnectionArn as string,
        invocationEndpoint: input.InvocationEndpoint as string,
        httpMethod: input.HttpMethod as string,
        invocationRateLimitPerSecond:
          typeof input.InvocationRateLimitPerSecond === 'number'
            ? input.InvocationRateLimitPerSecond
            : DEFAULT_INVOCATION_RATE,
        createdAt: now,
        modifiedAt: now,
      });
    },
    DescribeApiDestination: (input: Wire) => {
      const d = find(input, 'describe');
      return compact({ ...summary(d), Description: d.description });
    },
    UpdateApiDestination: (input: Wire) => {
      validate(input, false);
      const old = find(input, 'update');
      const connectionArn = str(input, 'ConnectionArn') ?? old.connectionArn;
      if (connectionArn !== old.connectionArn) connectionFor(connectionArn, 'update');
      return save({
        ...old,
        origin: 'api',
        description: str(input, 'Description') ?? old.description,
        connectionArn,
        invocationEndpoint: str(input, 'InvocationEndpoint') ?? old.invocationEndpoint,
        httpMethod: str(input, 'HttpMethod') ?? old.httpMethod,
        invocationRateLimitPerSecond:
          typeof input.InvocationRateLimitPerSecond === 'number'
            ? input.InvocationRateLimitPerSecond
            : old.invocationRateLimitPerSecond,
        modifiedAt: Date.now(),
      });
    },
    DeleteApiDestination: (input: Wire) => {
      const d = find(input, 'delete');
      http().destinations.delete(d.name);
      http().destinationChanged(d.arn);
      return {};
    },
    ListApiDestinations: (input: Wire) => {
      const prefix = str(input, 'NamePrefix') ?? '';
      const connection = str(input, 'ConnectionArn');
      const all = http()
        .destinations.all()
        .filter(
          (d) => d.name.startsWith(prefix) && (connection === undefined || d.connectionArn === connection),
        );
      const { items, nextToken } = page(all, input);
      return compact({ ApiDestinations: items.map(summary), NextToken: nextToken });
    },
  };
}

/** Create and Update's constraints, reported together in the request shape's member order. */
function validate(input: Wire, create: boolean): void {
  const v = new Violations().name(input.Name, 'name');
  if (typeof input.Description === 'string' && input.Description.length > 512)
    v.add(input.Description, 'description', 'Member must have length less than or equal to 512');
  const pattern = (key: string, path: string, regex: string, max: number) => {
    const value = input[key];
    if (value === undefined || value === null) {
      if (create) v.add(null, path, 'Member must not be null');
      return;
    }
    if (typeof value !== 'string' || !new RegExp(regex).test(value))
      v.add(value, path, `Member must satisfy regular expression pattern: ${regex}`);
    else if (value.length > max) v.add(value, path, `Member must have length less than or equal to ${max}`);
  };
  pattern('ConnectionArn', 'connectionArn', CONNECTION_ARN, 1600);
  pattern('InvocationEndpoint', 'invocationEndpoint', ENDPOINT, 2048);
  const method = input.HttpMethod;
  if (method === undefined || method === null) {
    if (create) v.add(null, 'httpMethod', 'Member must not be null');
  } else if (!(API_DESTINATION_METHODS as readonly unknown[]).includes(method)) {
    v.add(
      method,
      'httpMethod',
      `Member must satisfy enum value set: [${API_DESTINATION_METHODS.join(', ')}]`,
    );
  }
  const rate = input.InvocationRateLimitPerSecond;
  if (typeof rate === 'number' && rate < 1)
    v.add(rate, 'invocationRateLimitPerSecond', 'Member must have value greater than or equal to 1');
  v.throwIfAny();
}
