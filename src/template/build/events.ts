// AWS::Events::EventBus, AWS::Events::Rule (with targets) and AWS::Events::Archive → models.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
import type { ArchiveModel, BusModel, RuleModel, SourcePosition, TargetModel } from '../model.js';
import { arns } from '../names/arns.js';
import { nameFromArn } from '../names/physical.js';
import { isRecord } from '../resources.js';
import { num, patternText, str, type BuildInput } from './types.js';

const base = (input: BuildInput) => ({
  logicalId: input.resource.logicalId,
  name: input.identity.name,
  arn: input.identity.arn,
  position: input.resource.position,
});

/** AWS::Events::EventBus. */
export function buildBus(input: BuildInput): BusModel {
  return { kind: 'bus', ...base(input) };
}

/** One rule or schedule target, from CloudFormation's Target shape. */
export function buildTarget(raw: Record<string, unknown>, position?: SourcePosition): TargetModel {
  const transformer = isRecord(raw.InputTransformer) ? raw.InputTransformer : undefined;
  const retry = isRecord(raw.RetryPolicy) ? raw.RetryPolicy : undefined;
  const dlq = isRecord(raw.DeadLetterConfig) ? raw.DeadLetterConfig : undefined;
  const sqs = isRecord(raw.SqsParameters) ? raw.SqsParameters : undefined;
  const target: TargetModel = { id: str(raw.Id) ?? '', arn: str(raw.Arn) ?? '', position };
  if (raw.RoleArn !== undefined) target.roleArn = str(raw.RoleArn);
  if (raw.Input !== undefined) target.input = str(raw.Input);
  if (raw.InputPath !== undefined) target.inputPath = str(raw.InputPath);
  if (transformer) {
    const paths = isRecord(transformer.InputPathsMap) ? transformer.InputPathsMap : undefined;
    target.inputTransformer = {
      inputTemplate: str(transformer.InputTemplate) ?? '',
      ...(paths
        ? { inputPathsMap: Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, String(v)])) }
        : {}),
    };
  }
  if (retry) {
    target.retryPolicy = {
      maximumRetryAttempts: num(retry.MaximumRetryAttempts),
      maximumEventAgeInSeconds: num(retry.MaximumEventAgeInSeconds),
    };
  }
  if (dlq?.Arn !== undefined) target.deadLetterArn = str(dlq.Arn);
  if (sqs?.MessageGroupId !== undefined) target.messageGroupId = str(sqs.MessageGroupId);
  if (isRecord(raw.HttpParameters)) target.httpParameters = raw.HttpParameters;
  return target;
}

/** AWS::Events::Rule. */
export function buildRule(input: BuildInput): RuleModel {
  const p = input.props;
  const targets = Array.isArray(p.Targets) ? p.Targets.filter(isRecord) : [];
  const state = str(p.State) ?? 'ENABLED';
  const rule: RuleModel = {
    kind: 'rule',
    ...base(input),
    busName: nameFromArn(str(p.EventBusName) ?? 'default'),
    state: state as RuleModel['state'],
    targets: targets.map((t) => buildTarget(t, input.resource.position)),
  };
  const pattern = patternText(p.EventPattern);
  if (pattern !== undefined) rule.eventPattern = pattern;
  if (p.ScheduleExpression !== undefined) rule.scheduleExpression = str(p.ScheduleExpression);
  if (p.Description !== undefined) rule.description = str(p.Description);
  if (!rule.eventPattern && !rule.scheduleExpression) {
    input.warn(`rule ${rule.logicalId} has neither EventPattern nor ScheduleExpression`, rule.position);
  }
  return rule;
}

/** AWS::Events::Archive. */
export function buildArchive(input: BuildInput): ArchiveModel {
  const p = input.props;
  const sourceArn = str(p.SourceArn) ?? arns.bus(input.scope, 'default');
  const archive: ArchiveModel = {
    kind: 'archive',
    ...base(input),
    sourceArn,
    busName: nameFromArn(sourceArn),
  };
  const pattern = patternText(p.EventPattern);
  if (pattern !== undefined) archive.eventPattern = pattern;
  if (p.RetentionDays !== undefined) archive.retentionDays = num(p.RetentionDays);
  if (p.Description !== undefined) archive.description = str(p.Description);
  return archive;
}
