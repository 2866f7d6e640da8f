// The Step Functions engine: parse and validate ASL, run executions, task tokens, and the seams the
// API, the store and the router build on.
export { parseDefinition } from './asl/parse.js';
export { validateDefinition } from './asl/validate.js';
export type { StateMachineDefinition, StateDefinition, StatesBlock, QueryLanguage } from './asl/types.js';
export {
  startExecution,
  type Execution,
  type ExecutionResult,
  type StartOptions,
} from './runtime/execution.js';
export type { Transition } from './runtime/env.js';
export type { MapRunHooks, MapRunContext } from './states/map-reader.js';
export { History, type HistoryEvent, type HistoryListener } from './runtime/history.js';
export {
  FunctionError,
  FunctionOutput,
  unavailableInvoker,
  type TaskInvoker,
  type TaskInvocationContext,
} from './tasks/invoker.js';
export { TaskTokenRegistry, UnknownTaskTokenError } from './tasks/token-registry.js';
export { StatesError } from './errors/states-error.js';
export { TaskFailedError, TimeoutError, HeartbeatTimeoutError } from './errors/task-errors.js';
export { InvalidDefinitionError, type Diagnostic } from './errors/validation-errors.js';
