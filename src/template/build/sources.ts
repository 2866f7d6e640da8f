// AWS::Lambda::EventSourceMapping and AWS::Pipes::Pipe: both poll a source and call a target.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
import type { EventSourceMappingModel, PipeModel } from '../model.js';
import { arns } from '../names/arns.js';
import { isRecord } from '../resources.js';
import { bool, num, str, type BuildInput } from './types.js';

/** AWS::Lambda::EventSourceMapping. */
export function buildEventSourceMapping(input: BuildInput): EventSourceMappingModel {
  const p = input.props;
  const fn = str(p.FunctionName) ?? '';
  const filters =
    isRecord(p.FilterCriteria) && Array.isArray(p.FilterCriteria.Filters) ? p.FilterCriteria.Filters : [];
  const scaling = isRecord(p.ScalingConfig) ? p.ScalingConfig : {};
  const mapping: EventSourceMappingModel = {
    kind: 'eventSourceMapping',
    logicalId: input.resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: input.resource.position,
    uuid: String(input.identity.ref),
    eventSourceArn: str(p.EventSourceArn) ?? '',
    // FunctionName may be a name, a partial or a full ARN.
    functionArn: fn.startsWith('arn:') ? fn : arns.function(input.scope, fn),
    // SQS defaults: 10 messages, no batching window.
    batchSize: num(p.BatchSize) ?? 10,
    maximumBatchingWindowInSeconds: num(p.MaximumBatchingWindowInSeconds) ?? 0,
    enabled: bool(p.Enabled) ?? true,
    filters: filters
      .filter(isRecord)
      .map((f) => (typeof f.Pattern === 'string' ? f.Pattern : JSON.stringify(f.Pattern))),
    functionResponseTypes: Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes.map(String) : [],
  };
  const maxConcurrency = num(scaling.MaximumConcurrency);
  if (maxConcurrency !== undefined) mapping.maximumConcurrency = maxConcurrency;
  return mapping;
}

/** AWS::Pipes::Pipe (parameters keep CloudFormation's casing, as the model says). */
export function buildPipe(input: BuildInput): PipeModel {
  const p = input.props;
  const record = (value: unknown) => (isRecord(value) ? value : {});
  const pipe: PipeModel = {
    kind: 'pipe',
    logicalId: input.resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: input.resource.position,
    source: str(p.Source) ?? '',
    target: str(p.Target) ?? '',
    desiredState: str(p.DesiredState) === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    sourceParameters: record(p.SourceParameters),
    targetParameters: record(p.TargetParameters),
    enrichmentParameters: record(p.EnrichmentParameters),
    roleArn: str(p.RoleArn) ?? arns.role(input.scope, `${input.identity.name}-role`),
  };
  if (p.Enrichment !== undefined) pipe.enrichment = str(p.Enrichment);
  if (p.Description !== undefined) pipe.description = str(p.Description);
  return pipe;
}
