// Errors of Task states: a task's own failure, its time limits, and the failure of a branch or an item.
import { StatesError } from './states-error.js';

/** A task failed with the error name and cause it reported (a Lambda's errorType, SendTaskFailure). */
export class TaskFailedError extends StatesError {
  constructor(error: string, cause?: string) {
    super(error, cause);
  }
}

/** States.Timeout: a task ran past TimeoutSeconds, or the execution past its TimeoutSeconds. */
export class TimeoutError extends StatesError {
  // AWS reports an empty Cause for timeouts ({"Error":"States.Timeout","Cause":""} in a catcher).
  constructor(cause = '') {
    super('States.Timeout', cause);
  }
}

/** States.HeartbeatTimeout: a task sent no heartbeat for HeartbeatSeconds. */
export class HeartbeatTimeoutError extends StatesError {
  constructor(cause?: string) {
    super('States.HeartbeatTimeout', cause);
  }
}

/** States.TaskFailed raised by eddy itself (a resource it cannot call). */
export class NotEmulatedError extends StatesError {
  constructor(resource: string) {
    super(
      'States.TaskFailed',
      `eddy does not emulate the resource '${resource}'. Configure a mock or use a Lambda task.`,
    );
  }
}

/** States.ExceedToleratedFailureThreshold: a Map state had more failed items than it tolerates. */
export class ToleratedFailureExceededError extends StatesError {
  constructor(cause: string) {
    super('States.ExceedToleratedFailureThreshold', cause);
  }
}

/** States.BranchFailed: a Parallel branch or Map iteration failed without a more specific error. */
export class BranchFailedError extends StatesError {
  constructor(cause?: string) {
    super('States.BranchFailed', cause);
  }
}

/** States.ItemReaderFailed: Distributed Map could not read its items. */
export class ItemReaderFailedError extends StatesError {
  constructor(cause?: string) {
    super('States.ItemReaderFailed', cause);
  }
}

/** States.ResultWriterFailed: Distributed Map could not write its results. */
export class ResultWriterFailedError extends StatesError {
  constructor(cause?: string) {
    super('States.ResultWriterFailed', cause);
  }
}
