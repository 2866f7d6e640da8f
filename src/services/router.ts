// The target router: resolves an ARN to the local service that serves it, so a rule target, a pipe or a
// workflow task can call any other service without knowing it.
import { AwsError } from '../shared/aws-error.js';
import type { Service, TargetCallOptions, TargetRouter } from './core/service.js';

/** The service part of an ARN (`arn:aws:sqs:us-east-1:...` → `sqs`), or undefined for a plain name. */
export function arnServiceOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[2] : undefined;
}

/** Routes calls by ARN over the running services. */
export class ServiceRouter implements TargetRouter {
  constructor(private readonly services: () => readonly Service[]) {}

  async invoke(arn: string, payload: unknown, options: TargetCallOptions = {}): Promise<unknown> {
    // A bare name (no ARN) is a Lambda function name, as Lambda's own APIs accept.
    const kind = arnServiceOf(arn) ?? 'lambda';
    const service = this.services().find((s) => s.arnService === kind && s.invokeTarget);
    if (!service?.invokeTarget) {
      throw new AwsError(
        'ResourceNotFoundException',
        `No local service serves ${arn} (${kind} is not emulated)`,
        404,
      );
    }
    return service.invokeTarget(arn, payload, options);
  }
}
