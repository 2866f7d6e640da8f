// The messages between eddy and a handler instance (a worker process). Node workers speak them over
// the fork IPC channel; the Python bootstrap speaks the same shapes as JSON lines on two extra pipes.

/** Lambda's error document: what a failed invocation returns as its payload. */
export interface LambdaErrorDocument {
  errorType: string;
  errorMessage: string;
  /** Node.js runtimes: the stack, one line per entry. */
  trace?: string[];
  /** Python runtimes: the traceback frames. */
  stackTrace?: string[];
  requestId?: string;
}

/** The per-invocation part of the context object (the rest comes from the environment). */
export interface InvokeContext {
  invokedFunctionArn: string;
  /** Epoch ms when the invocation times out (for getRemainingTimeInMillis). */
  deadlineMs: number;
  /** `_X_AMZN_TRACE_ID` for this invocation (the trace of what caused it). */
  traceHeader?: string;
}

/** eddy → worker: run the handler once. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  /** The event as JSON text, exactly as the caller sent it. */
  payload: string;
  context: InvokeContext;
}

/** eddy → worker: load the handler (a standby process boots without one). */
export interface LoadMessage {
  type: 'load';
  /** Node.js: the built module file; Python: the handler module path (`pkg/app`). */
  file: string;
}

/** Every message eddy sends. */
export type HostMessage = InvokeMessage | LoadMessage;

/** Worker → eddy: the handler module loaded (or failed to, with Lambda's init error). */
export type InitMessage = { type: 'ready' } | { type: 'initError'; error: LambdaErrorDocument };

/** Worker → eddy: something the handler printed. */
export interface LogMessage {
  type: 'log';
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Worker → eddy: the invocation finished, with a result (JSON text) or an error document. */
export type DoneMessage = {
  type: 'done';
  requestId: string;
  /** Resident memory after the invocation, for the REPORT line. */
  maxMemoryMB?: number;
  /** The instance ends after this (an uncaught exception): it must not be reused. */
  fatal?: boolean;
} & ({ ok: true; payload: string } | { ok: false; error: LambdaErrorDocument });

/** Every message a worker sends. */
export type WorkerMessage = InitMessage | LogMessage | DoneMessage;
