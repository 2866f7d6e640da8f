// AWS::Events::Connection and AWS::Events::ApiDestination → models (credentials stay in the model,
// never in a warning or a trace).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-connection.html
import type { ApiDestinationModel, ConnectionModel } from '../model.js';
import { isRecord } from '../resources.js';
import { num, str, type BuildInput } from './types.js';

const base = (input: BuildInput) => ({
  logicalId: input.resource.logicalId,
  name: input.identity.name,
  arn: input.identity.arn,
  position: input.resource.position,
});

/** AWS::Events::Connection. */
export function buildConnection(input: BuildInput): ConnectionModel {
  const p = input.props;
  const connection: ConnectionModel = {
    kind: 'connection',
    ...base(input),
    authorizationType: str(p.AuthorizationType) ?? '',
    authParameters: isRecord(p.AuthParameters) ? p.AuthParameters : {},
    secretArn: str(input.identity.attributes?.SecretArn) ?? '',
  };
  if (p.Description !== undefined) connection.description = str(p.Description);
  return connection;
}

/** AWS::Events::ApiDestination. */
export function buildApiDestination(input: BuildInput): ApiDestinationModel {
  const p = input.props;
  const destination: ApiDestinationModel = {
    kind: 'apiDestination',
    ...base(input),
    connectionArn: str(p.ConnectionArn) ?? '',
    invocationEndpoint: str(p.InvocationEndpoint) ?? '',
    httpMethod: str(p.HttpMethod) ?? 'POST',
  };
  const rate = num(p.InvocationRateLimitPerSecond);
  if (rate !== undefined) destination.invocationRateLimitPerSecond = rate;
  if (p.Description !== undefined) destination.description = str(p.Description);
  return destination;
}
