// SAM event sources shared by functions and state machines: EventBridgeRule / CloudWatchEvent and
// Schedule become AWS::Events::Rule, ScheduleV2 becomes AWS::Scheduler::Schedule.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventbridgerule.html
import type { SourcePosition } from '../model.js';
import { isRecord, type TemplateResource } from '../resources.js';
import { generatedResource, implicitResource, withoutUndefined, type ExpandContext } from './context.js';

/** The target SAM points a generated rule or schedule at. */
export interface EventTarget {
  arn: unknown;
  /** Suffix of the default target id: `LambdaTarget` or `StepFunctionsTarget`. */
  idSuffix: string;
  /** State machines are started through a role SAM generates per event. */
  needsRole: boolean;
}

/** Expand one rule-like event (`EventBridgeRule`, `CloudWatchEvent`, `Schedule`, `ScheduleV2`). */
export function expandRuleEvent(
  owner: TemplateResource,
  eventName: string,
  event: Record<string, unknown>,
  target: EventTarget,
  ctx: ExpandContext,
  eventPosition: SourcePosition | undefined = owner.position,
): boolean {
  const type = event.Type;
  const p = isRecord(event.Properties) ? event.Properties : {};
  const logicalId = `${owner.logicalId}${eventName}`;
  let roleArn: unknown;
  if (target.needsRole || type === 'ScheduleV2') {
    const explicit = type === 'ScheduleV2' ? p.RoleArn : undefined;
    if (explicit === undefined) {
      ctx.add(implicitResource(`${logicalId}Role`, 'AWS::IAM::Role', owner));
      roleArn = { 'Fn::GetAtt': [`${logicalId}Role`, 'Arn'] };
    } else roleArn = explicit;
  }
  const deadLetterArn = deadLetter(p.DeadLetterConfig, logicalId, owner, ctx);
  const targetProps = withoutUndefined({
    Id: isRecord(p.Target) ? p.Target.Id : undefined,
    Arn: target.arn,
    RoleArn: roleArn,
    Input: p.Input,
    InputPath: p.InputPath,
    InputTransformer: p.InputTransformer,
    RetryPolicy: p.RetryPolicy,
    DeadLetterConfig: deadLetterArn === undefined ? undefined : { Arn: deadLetterArn },
  });
  if (type === 'ScheduleV2') {
    delete targetProps.Id;
    ctx.add(
      generatedResource(
        logicalId,
        'AWS::Scheduler::Schedule',
        {
          Name: p.OmitName === true ? undefined : (p.Name ?? logicalId),
          GroupName: p.GroupName,
          Description: p.Description,
          ScheduleExpression: p.ScheduleExpression,
          ScheduleExpressionTimezone: p.ScheduleExpressionTimezone,
          StartDate: p.StartDate,
          EndDate: p.EndDate,
          State: p.State,
          FlexibleTimeWindow: p.FlexibleTimeWindow ?? { Mode: 'OFF' },
          Target: targetProps,
        },
        owner,
        eventPosition,
      ),
    );
    return true;
  }
  targetProps.Id ??= `${logicalId}${target.idSuffix}`;
  const schedule = type === 'Schedule';
  const state = p.State ?? (p.Enabled === false ? 'DISABLED' : undefined);
  ctx.add(
    generatedResource(
      logicalId,
      'AWS::Events::Rule',
      {
        Name: schedule ? p.Name : p.RuleName,
        Description: p.Description,
        EventBusName: p.EventBusName,
        EventPattern: schedule ? undefined : p.Pattern,
        ScheduleExpression: schedule ? p.Schedule : undefined,
        State: state,
        Targets: [targetProps],
      },
      owner,
      eventPosition,
    ),
  );
  return true;
}

// `DeadLetterConfig: {Arn}` passes through; `{Type: SQS}` makes SAM create a queue, named
// QueueLogicalId or `<RuleLogicalId>Queue`.
function deadLetter(config: unknown, ruleId: string, owner: TemplateResource, ctx: ExpandContext): unknown {
  if (!isRecord(config)) return undefined;
  if (config.Arn !== undefined) return config.Arn;
  if (config.Type !== 'SQS') return undefined;
  const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${ruleId}Queue`;
  ctx.add(generatedResource(queueId, 'AWS::SQS::Queue', {}, owner, ctx.positions.node(config)));
  return { 'Fn::GetAtt': [queueId, 'Arn'] };
}
