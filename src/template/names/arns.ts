// ARNs as AWS forms them for each emulated service.
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html

/** Region, account and partition: what every ARN needs. */
export interface ArnScope {
  region: string;
  accountId: string;
  partition: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function arn(scope: ArnScope, service: string, resource: string, global = false): string {
  const region = global ? '' : scope.region;
  return `arn:${scope.partition}:${service}:${region}:${scope.accountId}:${resource}`;
}

/** ARN builders per resource kind. */
export const arns = {
  bus: (s: ArnScope, name: string) => arn(s, 'events', `event-bus/${name}`),
  // Rules on the default bus have no bus segment; rules on custom buses do.
  rule: (s: ArnScope, bus: string, name: string) =>
    arn(s, 'events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`),
  archive: (s: ArnScope, name: string) => arn(s, 'events', `archive/${name}`),
  queue: (s: ArnScope, name: string) => arn(s, 'sqs', name),
  function: (s: ArnScope, name: string) => arn(s, 'lambda', `function:${name}`),
  stateMachine: (s: ArnScope, name: string) => arn(s, 'states', `stateMachine:${name}`),
  bucket: (s: ArnScope, name: string) => `arn:${s.partition}:s3:::${name}`,
  pipe: (s: ArnScope, name: string) => arn(s, 'pipes', `pipe/${name}`),
  schedule: (s: ArnScope, group: string, name: string) => arn(s, 'scheduler', `schedule/${group}/${name}`),
  eventSourceMapping: (s: ArnScope, uuid: string) => arn(s, 'lambda', `event-source-mapping:${uuid}`),
  role: (s: ArnScope, name: string) => arn(s, 'iam', `role/${name}`, true),
};

/** The partition of a region (`cn-north-1` → `aws-cn`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** AWS::URLSuffix for a region. */
export function urlSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
