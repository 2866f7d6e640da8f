// Task resource ARNs: Lambda functions called directly, and service integrations with their
// integration pattern (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html).

/** A parsed Task resource. */
export type ParsedResource =
  | { kind: 'lambda-function'; arn: string }
  | {
      kind: 'service';
      arn: string;
      service: string;
      action: string;
      pattern: 'request-response' | 'sync' | 'sync2' | 'token';
    }
  | { kind: 'activity'; arn: string }
  | { kind: 'other'; arn: string };

/** Parses `arn`. */
export function parseResource(arn: string): ParsedResource {
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(arn)) return { kind: 'lambda-function', arn };
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:([a-zA-Z0-9-]+):([^.]+)(\.(.+))?$/.exec(arn);
  if (m && (m[1] === 'activity' || m[1] === 'stateMachine'))
    return m[1] === 'activity' ? { kind: 'activity', arn } : { kind: 'other', arn };
  if (m) {
    const suffix = m[4];
    const pattern =
      suffix === 'waitForTaskToken'
        ? 'token'
        : suffix === 'sync'
          ? 'sync'
          : suffix === 'sync:2'
            ? 'sync2'
            : 'request-response';
    return { kind: 'service', arn, service: m[1], action: m[2], pattern };
  }
  return { kind: 'other', arn };
}

/** The ARN of a Lambda function given by name, partial ARN or full ARN (lambda:invoke FunctionName). */
export function functionArn(name: string, region: string, accountId: string): string {
  if (name.startsWith('arn:')) return name;
  const parts = name.split(':');
  if (parts.length >= 3 && parts[1] === 'function')
    return `arn:aws:lambda:${region}:${parts[0]}:function:${parts.slice(2).join(':')}`;
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}
