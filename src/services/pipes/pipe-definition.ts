// One shape for a pipe, whether it comes from the template (AWS::Pipes::Pipe) or the Pipes API: the API's
// member names (CloudFormation uses the same casing), plus where it came from.
import type { PipeModel } from '../../template/model.js';

/** A pipe's definition. */
export interface PipeDefinition {
  Name: string;
  Arn: string;
  Source: string;
  Target: string;
  Enrichment?: string;
  RoleArn: string;
  Description?: string;
  DesiredState: 'RUNNING' | 'STOPPED';
  SourceParameters: Record<string, unknown>;
  EnrichmentParameters: Record<string, unknown>;
  TargetParameters: Record<string, unknown>;
  Tags: Record<string, string>;
}

/** The definition of a template pipe. */
export function fromModel(model: PipeModel): PipeDefinition {
  return {
    Name: model.name,
    Arn: model.arn,
    Source: model.source,
    Target: model.target,
    Enrichment: model.enrichment,
    RoleArn: model.roleArn,
    Description: model.description,
    DesiredState: model.desiredState,
    SourceParameters: model.sourceParameters ?? {},
    EnrichmentParameters: model.enrichmentParameters ?? {},
    TargetParameters: model.targetParameters ?? {},
    Tags: {},
  };
}

/** The service part of an ARN (`sqs`, `lambda`, `states`, `events`, `kinesis`, ...). */
export function arnService(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const parts = arn.split(':');
  return parts[0] === 'arn' ? parts[2] : undefined;
}

/** Why eddy cannot run this pipe's source, or undefined when it can. */
export function unsupportedSource(definition: PipeDefinition): string | undefined {
  const service = arnService(definition.Source);
  if (service === 'sqs') return undefined;
  const kind =
    service === 'kinesis'
      ? 'Kinesis'
      : service === 'dynamodb'
        ? 'DynamoDB Streams'
        : service === 'kafka' || !service
          ? 'Kafka'
          : service === 'mq'
            ? 'Amazon MQ'
            : service;
  return `${kind} sources are not emulated by eddy; only SQS queue sources run locally.`;
}

/** A nested parameter object (`SourceParameters.SqsQueueParameters`), or an empty one. */
export function section(parameters: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = parameters[name];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
