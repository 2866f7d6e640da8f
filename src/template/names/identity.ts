// What Ref and Fn::GetAtt return for each resource type, from its (resolved) name properties.
// Each type's "Return values" section in the CloudFormation resource reference decides these, e.g.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html#aws-resource-sqs-queue-return-values
import type { ResourceIdentity } from '../resources.js';
import { arn, arns, type ArnScope } from './arns.js';
import { deterministicUuid, generatedName, nameFromArn } from './physical.js';

/** Region, account, partition, stack name and local endpoint. */
export interface IdentityScope extends ArnScope {
  stackName: string;
  endpoint: string;
  urlSuffix: string;
}

/** Reads one resolved property of the resource. */
export type PropertyReader = (name: string) => unknown;

type IdentityFn = (id: string, prop: PropertyReader, s: IdentityScope) => ResourceIdentity;

const text = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : String(value);

const named = (prop: PropertyReader, key: string, s: IdentityScope, id: string, max = 64) =>
  text(prop(key)) ?? generatedName(s.stackName, id, { maxLength: max });

const IDENTITIES: Record<string, IdentityFn> = {
  'AWS::SQS::Queue': (id, prop, s) => {
    const fifo = String(prop('FifoQueue')) === 'true';
    const name =
      text(prop('QueueName')) ??
      generatedName(s.stackName, id, { maxLength: 80, ending: fifo ? '.fifo' : '' });
    const url = `${s.endpoint}/${s.accountId}/${name}`;
    const queueArn = arns.queue(s, name);
    return {
      type: 'AWS::SQS::Queue',
      name,
      arn: queueArn,
      ref: url,
      attributes: { Arn: queueArn, QueueName: name, QueueUrl: url },
    };
  },
  'AWS::Lambda::Function': (id, prop, s) => {
    const name = named(prop, 'FunctionName', s, id);
    const a = arns.function(s, name);
    return {
      type: 'AWS::Lambda::Function',
      name,
      arn: a,
      ref: name,
      attributes: { Arn: a, 'SnapStartResponse.ApplyOn': 'None' },
    };
  },
  'AWS::Events::EventBus': (id, prop, s) => {
    const name = named(prop, 'Name', s, id, 256);
    const a = arns.bus(s, name);
    return {
      type: 'AWS::Events::EventBus',
      name,
      arn: a,
      ref: name,
      attributes: { Arn: a, Name: name, Policy: '' },
    };
  },
  // Ref of a rule is its id: `bus|name` on a custom bus, the bare name on the default bus.
  'AWS::Events::Rule': (id, prop, s) => {
    const name = named(prop, 'Name', s, id);
    const bus = nameFromArn(text(prop('EventBusName')) ?? 'default');
    const a = arns.rule(s, bus, name);
    return {
      type: 'AWS::Events::Rule',
      name,
      arn: a,
      ref: bus === 'default' ? name : `${bus}|${name}`,
      attributes: { Arn: a },
    };
  },
  'AWS::Events::Archive': (id, prop, s) => {
    const name = named(prop, 'ArchiveName', s, id, 48);
    const a = arns.archive(s, name);
    return {
      type: 'AWS::Events::Archive',
      name,
      arn: a,
      ref: name,
      attributes: { Arn: a, ArchiveName: name },
    };
  },
  // Connections and API destinations carry a UUID in their ARN; GetAtt SecretArn names the secret
  // EventBridge keeps the credentials in (aws-resource-events-connection.html#aws-resource-events-connection-return-values).
  'AWS::Events::Connection': (id, prop, s) => {
    const name = named(prop, 'Name', s, id);
    const uuid = deterministicUuid(`${s.stackName}/${id}`);
    const a = arn(s, 'events', `connection/${name}/${uuid}`);
    const secret = arn(s, 'secretsmanager', `secret:events!connection/${name}/${uuid}-${uuid.slice(0, 6)}`);
    const attributes = { Arn: a, ArnForPolicy: arn(s, 'events', `connection/${name}`), SecretArn: secret };
    return { type: 'AWS::Events::Connection', name, arn: a, ref: name, attributes };
  },
  'AWS::Events::ApiDestination': (id, prop, s) => {
    const name = named(prop, 'Name', s, id);
    const uuid = deterministicUuid(`${s.stackName}/${id}`);
    const a = arn(s, 'events', `api-destination/${name}/${uuid}`);
    const attributes = { Arn: a, ArnForPolicy: arn(s, 'events', `api-destination/${name}`) };
    return { type: 'AWS::Events::ApiDestination', name, arn: a, ref: name, attributes };
  },
  'AWS::StepFunctions::StateMachine': (id, prop, s) => {
    const name = named(prop, 'StateMachineName', s, id, 80);
    const a = arns.stateMachine(s, name);
    return {
      type: 'AWS::StepFunctions::StateMachine',
      name,
      arn: a,
      ref: a,
      attributes: { Arn: a, Name: name, StateMachineRevisionId: a },
    };
  },
  'AWS::S3::Bucket': (id, prop, s) => {
    const name =
      text(prop('BucketName')) ?? generatedName(s.stackName, id, { maxLength: 63, lowercase: true });
    const a = arns.bucket(s, name);
    const attributes = {
      Arn: a,
      DomainName: `${name}.s3.${s.urlSuffix}`,
      RegionalDomainName: `${name}.s3.${s.region}.${s.urlSuffix}`,
      DualStackDomainName: `${name}.s3.dualstack.${s.region}.${s.urlSuffix}`,
      WebsiteURL: `http://${name}.s3-website-${s.region}.${s.urlSuffix}`,
    };
    return { type: 'AWS::S3::Bucket', name, arn: a, ref: name, attributes };
  },
  'AWS::Pipes::Pipe': (id, prop, s) => {
    const name = named(prop, 'Name', s, id);
    const a = arns.pipe(s, name);
    const attributes = {
      Arn: a,
      CurrentState: 'RUNNING',
      StateReason: '',
      CreationTime: '1970-01-01T00:00:00Z',
      LastModifiedTime: '1970-01-01T00:00:00Z',
    };
    return { type: 'AWS::Pipes::Pipe', name, arn: a, ref: name, attributes };
  },
  'AWS::Scheduler::Schedule': (id, prop, s) => {
    const name = named(prop, 'Name', s, id);
    const a = arns.schedule(s, text(prop('GroupName')) ?? 'default', name);
    return { type: 'AWS::Scheduler::Schedule', name, arn: a, ref: name, attributes: { Arn: a } };
  },
  'AWS::Lambda::EventSourceMapping': (id, _prop, s) => {
    const uuid = deterministicUuid(`${s.stackName}/${id}`);
    const a = arns.eventSourceMapping(s, uuid);
    return {
      type: 'AWS::Lambda::EventSourceMapping',
      name: uuid,
      arn: a,
      ref: uuid,
      attributes: { Id: uuid, EventSourceMappingArn: a },
    };
  },
  'AWS::IAM::Role': (id, prop, s) => {
    const name = named(prop, 'RoleName', s, id);
    const a = arns.role(s, name);
    return {
      type: 'AWS::IAM::Role',
      name,
      arn: a,
      ref: name,
      attributes: { Arn: a, RoleId: `AROA${generatedName('', id).slice(-12)}` },
    };
  },
};

/** The identity of a resource of `type` (types eddy does not emulate get a plausible one). */
export function resourceIdentity(
  type: string,
  logicalId: string,
  prop: PropertyReader,
  scope: IdentityScope,
): ResourceIdentity {
  const known = IDENTITIES[type];
  if (known) return known(logicalId, prop, scope);
  // AWS::DynamoDB::Table → name from TableName (or Name), ARN arn:aws:dynamodb:...:table/<name>.
  const [, service = 'unknown', kind = 'resource'] = type.split('::');
  const nameKey = `${kind}Name`;
  const name = text(prop(nameKey)) ?? text(prop('Name')) ?? generatedName(scope.stackName, logicalId);
  return { type, name, arn: arn(scope, service.toLowerCase(), `${kind.toLowerCase()}/${name}`), ref: name };
}

/** True when eddy knows what Ref and GetAtt return for `type`. */
export function hasIdentity(type: string): boolean {
  return type in IDENTITIES;
}
