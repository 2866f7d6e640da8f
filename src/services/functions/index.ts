// The functions service's public surface for the registry, api/ (Lambda Invoke, ListFunctions,
// GetFunction) and dev/.
export {
  FunctionsService,
  type FunctionsServiceOptions,
  type InvokeOptions,
  type InvokeResult,
} from './service.js';
export {
  FunctionInvocationError,
  FunctionNotFoundError,
  InvalidPayloadError,
  RequestTooLargeError,
} from './errors.js';
export { createWatcher, type FileWatcher, NoopWatcher } from './watcher.js';
export type { InvocationRecord } from './destination-record.js';
export type { FunctionConfiguration } from './configuration.js';
export type { LambdaErrorDocument } from './runtime/protocol.js';
