// AWS::Scheduler::Schedule and AWS::S3::Bucket → models.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-scheduler-schedule.html
import type { BucketModel, ScheduleModel } from '../model.js';
import { isRecord } from '../resources.js';
import { buildTarget } from './events.js';
import { str, type BuildInput } from './types.js';

/** AWS::Scheduler::Schedule. */
export function buildSchedule(input: BuildInput): ScheduleModel {
  const p = input.props;
  const target = buildTarget(isRecord(p.Target) ? p.Target : {}, input.resource.position);
  // Scheduler targets have no id; the schedule's name identifies the delivery.
  target.id ||= input.identity.name;
  const schedule: ScheduleModel = {
    kind: 'schedule',
    logicalId: input.resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: input.resource.position,
    groupName: str(p.GroupName) ?? 'default',
    scheduleExpression: str(p.ScheduleExpression) ?? '',
    state: str(p.State) === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    target,
  };
  if (p.ScheduleExpressionTimezone !== undefined)
    schedule.scheduleExpressionTimezone = str(p.ScheduleExpressionTimezone);
  if (p.StartDate !== undefined) schedule.startDate = str(p.StartDate);
  if (p.EndDate !== undefined) schedule.endDate = str(p.EndDate);
  return schedule;
}

/** AWS::S3::Bucket. */
export function buildBucket(input: BuildInput): BucketModel {
  return {
    kind: 'bucket',
    logicalId: input.resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: input.resource.position,
  };
}
