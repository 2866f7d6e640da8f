// ARNs of EventBridge resources, as AWS forms them: a rule on the default bus is `rule/<name>`, on
// another bus `rule/<bus>/<name>` (docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html).

/** Region, account and partition of the ARNs this bus hands out. */
export interface ArnScope {
  region: string;
  accountId: string;
  partition?: string;
}

function prefix(scope: ArnScope): string {
  return `arn:${scope.partition ?? 'aws'}:events:${scope.region}:${scope.accountId}`;
}

/** ARN of a bus. */
export function busArn(scope: ArnScope, name: string): string {
  return `${prefix(scope)}:event-bus/${name}`;
}

/** ARN of a rule. */
export function ruleArn(scope: ArnScope, busName: string, name: string): string {
  return busName === 'default' ? `${prefix(scope)}:rule/${name}` : `${prefix(scope)}:rule/${busName}/${name}`;
}

/** ARN of an archive. */
export function archiveArn(scope: ArnScope, name: string): string {
  return `${prefix(scope)}:archive/${name}`;
}

/** ARN of a replay. */
export function replayArn(scope: ArnScope, name: string): string {
  return `${prefix(scope)}:replay/${name}`;
}

/** The resource part of an events ARN: `{ type: 'rule', path: ['bus', 'name'] }`. */
export function parseEventsArn(arn: string): { type: string; path: string[] } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'events') return undefined;
  const [type, ...path] = parts.slice(5).join(':').split('/');
  return { type, path };
}

/** A bus named by name or ARN (PutEvents and PutRule accept both) as its name. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const parsed = parseEventsArn(nameOrArn);
  return parsed?.type === 'event-bus' ? parsed.path.join('/') : nameOrArn;
}
