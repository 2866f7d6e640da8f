// The EventBridge errors the bus raises, with AWS's messages (recorded in
// ../shared/conformance/eventbridge/api-errors.json).
import { AwsError } from '../../shared/aws-error.js';

/** `Event bus <name> does not exist.` */
export function busNotFound(name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
}

/** `Rule <name> does not exist on EventBus <bus>.` */
export function ruleNotFound(name: string, busName: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${busName}.`);
}

/** `Archive <name> does not exist.` */
export function archiveNotFound(name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Archive ${name} does not exist.`);
}

/** `Replay <name> does not exist.` */
export function replayNotFound(name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Replay ${name} does not exist.`);
}

/** A ValidationException with AWS's text. */
export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** `The requested resource exceeds the maximum number allowed.` */
export function limitExceeded(): AwsError {
  return new AwsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
}
