// The Step Functions API's exceptions with AWS's messages
// (https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html and each action's Errors).
import { AwsError } from '../../../shared/aws-error.js';

/** StateMachineDoesNotExist. */
export function stateMachineDoesNotExist(arn: string): AwsError {
  return new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
}

/** StateMachineAlreadyExists. */
export function stateMachineAlreadyExists(arn: string): AwsError {
  return new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
}

/** ExecutionDoesNotExist. */
export function executionDoesNotExist(arn: string): AwsError {
  return new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
}

/** ExecutionAlreadyExists. */
export function executionAlreadyExists(arn: string): AwsError {
  return new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
}

/** InvalidArn. */
export function invalidArn(arn: string, why = 'Invalid ARN prefix'): AwsError {
  return new AwsError('InvalidArn', `Invalid Arn: '${why}: ${arn}'`);
}

/** InvalidName. */
export function invalidName(name: string): AwsError {
  return new AwsError('InvalidName', `Invalid Name: '${name}'`);
}

/** InvalidExecutionInput. */
export function invalidExecutionInput(detail: string): AwsError {
  return new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);
}

/** ValidationException (a member failed its constraint). */
export function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** StateMachineTypeNotSupported (e.g. StartSyncExecution on a STANDARD machine). */
export function typeNotSupported(message: string): AwsError {
  return new AwsError('StateMachineTypeNotSupported', message);
}

/** ResourceNotFound for a map run ARN nothing knows. */
export function mapRunNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFound', `Resource not found: '${arn}'`);
}

/** UpdateMapRun on a map run that has ended: only an in-progress map run can be updated. */
export function mapRunNotRunning(arn: string): AwsError {
  return new AwsError('ValidationException', `Map Run is not in progress: '${arn}'`);
}
