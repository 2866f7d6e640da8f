// Sending an undeliverable event to the target's dead-letter queue with the message attributes AWS
// sets (docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html): RULE_ARN, TARGET_ARN,
// ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS. The body is the event.
import type { TargetRouter } from '../core/service.js';
import type { DeliveryTarget } from './targets.js';

/** What sending to a DLQ needs. */
export interface DeadLetterDeps {
  router: TargetRouter;
}

/** Why the event is dead-lettered. */
export interface DeadLetterReason {
  errorCode: string;
  errorMessage: string;
  condition: string;
  retryAttempts: number;
}

/** SQS message attributes in SendMessage's shape. */
export function deadLetterAttributes(target: DeliveryTarget, reason: DeadLetterReason) {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    RULE_ARN: text(target.ruleArn),
    TARGET_ARN: text(target.arn),
    ERROR_CODE: text(reason.errorCode),
    ERROR_MESSAGE: text(reason.errorMessage.slice(0, 1024)),
    EXHAUSTED_RETRY_CONDITION: text(reason.condition),
    RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(reason.retryAttempts) },
  };
}

/** Sends the event to the DLQ; false when the DLQ itself cannot take it (the event is then dropped). */
export async function sendToDeadLetterQueue(
  deps: DeadLetterDeps,
  target: DeliveryTarget,
  envelope: string,
  traceId: string,
  reason: DeadLetterReason,
): Promise<boolean> {
  try {
    await deps.router.invoke(target.deadLetterArn!, envelope, {
      traceId,
      parameters: { MessageAttributes: deadLetterAttributes(target, reason) },
    });
    return true;
  } catch {
    return false;
  }
}
