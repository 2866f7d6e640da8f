// One instance (Lambda's execution environment): a worker process that runs one invocation at a time.
// It owns the timeout (the process is killed, as Lambda stops the sandbox) and turns a process that ends
// mid-invocation into Lambda's Runtime.ExitError / Runtime.OutOfMemory.
import { randomUUID } from 'node:crypto';
import type { WorkerProcess } from './channel.js';
import { type ExitInfo, exitError, isOutOfMemoryText, timeoutError, timeoutText } from './lambda-errors.js';
import type { HostMessage, LambdaErrorDocument, WorkerMessage } from './protocol.js';
import { type SpawnQueue, type SpawnTicket, spawnQueue } from './spawn-queue.js';

/** One line (or chunk) the handler printed. */
export interface LogChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** How one invocation on an instance ended. */
export interface InstanceOutcome {
  /** The result as JSON text, or the error document as JSON text. */
  payload: string;
  error?: LambdaErrorDocument;
  /** Set on a cold start: how long the process took to load the handler. */
  initDurationMs?: number;
  durationMs: number;
  maxMemoryMB?: number;
  timedOut?: boolean;
}

/** What an invocation asks of an instance. */
export interface InstanceRequest {
  requestId: string;
  payload: string;
  invokedFunctionArn: string;
  timeoutSeconds: number;
  /** `_X_AMZN_TRACE_ID` for this invocation. */
  traceHeader?: string;
  /** Receives everything printed while the invocation runs (init output included on a cold start). */
  onLog(chunk: LogChunk): void;
}

/** Lambda's limit on the init phase of an on-demand environment. */
const INIT_LIMIT_SECONDS = 10;

type Pending = {
  request: InstanceRequest;
  started: number;
  resolve(outcome: InstanceOutcome): void;
  timer?: NodeJS.Timeout;
};

/** A worker process and its one-at-a-time invocation state. */
export class Instance {
  readonly id = randomUUID();
  /** When the process was started (for the cold start's Init Duration). */
  private spawnedAt = performance.now();
  private initState: 'pending' | 'ready' | 'failed' = 'pending';
  private initError?: LambdaErrorDocument;
  private initDurationMs?: number;
  private initReported = false;
  private pending?: Pending;
  private earlyLogs: LogChunk[] = [];
  private sawOutOfMemory = false;
  private exited = false;
  private killed = false;
  private readonly exitListeners: (() => void)[] = [];
  /** The process, once the spawn queue has started it; messages wait in `outbox` until then. */
  private worker?: WorkerProcess;
  private readonly outbox: HostMessage[] = [];
  private readonly ticket: SpawnTicket;

  constructor(
    /** Starts the process (called from the spawn queue, on a later turn of the event loop). */
    launch: () => WorkerProcess,
    /** The code generation it runs: a rebuild makes older instances stale (-1: a standby, no code yet). */
    public generation: number,
    queue: SpawnQueue = spawnQueue,
  ) {
    this.ticket = queue.enqueue(() => this.attach(launch));
  }

  private attach(launch: () => WorkerProcess): void {
    if (this.killed) return;
    let worker: WorkerProcess;
    try {
      worker = launch();
    } catch {
      // fork failed (EAGAIN, ENOMEM): the instance ends as a process that could not start would.
      return this.onClose({ code: 1, signal: null, outOfMemory: false });
    }
    this.worker = worker;
    worker.attach({
      message: (message) => this.onMessage(message),
      output: (stream, text) => this.onOutput(stream, text),
      error: () => this.onClose({ code: 1, signal: null, outOfMemory: false }),
      // `close` (not `exit`) so that the last output of a crashing process is read before it is reported;
      // but a grandchild the handler started may hold the pipes open: then `exit` plus a grace period.
      close: (code, signal) => this.onClose({ code, signal, outOfMemory: this.sawOutOfMemory }),
      exit: (code, signal) => {
        const grace = setTimeout(() => this.onClose({ code, signal, outOfMemory: this.sawOutOfMemory }), 200);
        grace.unref();
      },
    });
    for (const message of this.outbox.splice(0)) worker.send(message);
  }

  /** True until the process ended or was killed. */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /** True while an invocation runs. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Called once when the process ends. */
  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }

  /** Runs one invocation; resolves with its outcome whatever the handler does. */
  invoke(request: InstanceRequest): Promise<InstanceOutcome> {
    if (this.pending) throw new Error('instance is busy');
    return new Promise((resolve) => {
      const pending: Pending = { request, started: performance.now(), resolve };
      this.pending = pending;
      if (this.earlyLogs.length > 0) for (const chunk of this.earlyLogs.splice(0)) request.onLog(chunk);
      if (this.initState === 'failed') return this.complete(pending, { error: this.initError });
      if (this.exited) return this.failPending({ code: 1, signal: null, outOfMemory: false });
      // A warm instance starts the handler now: one timer per invocation, the function's Timeout.
      if (this.initState === 'ready') return this.dispatch(pending);
      // Until the handler is loaded, Lambda's init limit applies (10 s, or the Timeout when longer).
      const initLimit = Math.max(INIT_LIMIT_SECONDS, request.timeoutSeconds);
      pending.timer = setTimeout(() => this.onTimeout(pending, initLimit), initLimit * 1000);
    });
  }

  /** Gives a standby process its code: it loads `file` and becomes an instance of `generation`. */
  activate(generation: number, file: string): void {
    this.generation = generation;
    // Init Duration is what the invocation waits for: the module load, not the process boot before it.
    this.spawnedAt = performance.now();
    this.send({ type: 'load', file });
  }

  /** Stops the process at once. */
  kill(): void {
    if (this.exited || this.killed) return;
    this.killed = true;
    if (this.worker) return this.worker.kill();
    // Never started: no process will report its end, so report it as a killed one would.
    this.ticket.cancel();
    setImmediate(() => this.onClose({ code: null, signal: 'SIGKILL', outOfMemory: false }));
  }

  private send(message: HostMessage): void {
    if (this.worker) this.worker.send(message);
    else this.outbox.push(message);
  }

  private dispatch(pending: Pending): void {
    // Duration counts from the handler's start, as Lambda's REPORT line does (init is reported apart).
    pending.started = performance.now();
    const { requestId, payload, invokedFunctionArn, timeoutSeconds, traceHeader } = pending.request;
    // The function's Timeout runs from here: getRemainingTimeInMillis starts full after a cold start.
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => this.onTimeout(pending, timeoutSeconds), timeoutSeconds * 1000);
    const deadlineMs = Date.now() + timeoutSeconds * 1000;
    this.send({
      type: 'invoke',
      requestId,
      payload,
      context: { invokedFunctionArn, deadlineMs, traceHeader },
    });
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'log') return this.onOutput(message.stream, message.text, true);
    if (message.type === 'ready' || message.type === 'initError') {
      this.initDurationMs = performance.now() - this.spawnedAt;
      this.initState = message.type === 'ready' ? 'ready' : 'failed';
      if (message.type === 'initError') this.initError = message.error;
      const pending = this.pending;
      if (!pending) return;
      if (message.type === 'ready') this.dispatch(pending);
      else this.complete(pending, { error: message.error });
      return;
    }
    if (message.type === 'done' && this.pending?.request.requestId === message.requestId) {
      const pending = this.pending;
      if (message.fatal) this.kill();
      if (message.ok) this.complete(pending, { payload: message.payload, maxMemoryMB: message.maxMemoryMB });
      else this.complete(pending, { error: message.error, maxMemoryMB: message.maxMemoryMB });
    }
  }

  private onOutput(stream: 'stdout' | 'stderr', text: string, fromHandler = false): void {
    if (!fromHandler && stream === 'stderr' && isOutOfMemoryText(text)) this.sawOutOfMemory = true;
    const chunk = { stream, text };
    if (this.pending) this.pending.request.onLog(chunk);
    else if (this.earlyLogs.length < 1000) this.earlyLogs.push(chunk);
  }

  private onTimeout(pending: Pending, timeoutSeconds: number): void {
    if (this.pending !== pending) return;
    const { requestId } = pending.request;
    pending.request.onLog({
      stream: 'stdout',
      text: `${new Date().toISOString()} ${requestId} ${timeoutText(timeoutSeconds)}\n`,
    });
    this.kill();
    this.complete(pending, { error: timeoutError(requestId, timeoutSeconds), timedOut: true });
  }

  private onClose(exit: ExitInfo): void {
    if (this.exited) return;
    this.exited = true;
    this.failPending(exit);
    for (const listener of this.exitListeners) listener();
  }

  private failPending(exit: ExitInfo): void {
    const pending = this.pending;
    if (pending) this.complete(pending, { error: exitError(pending.request.requestId, exit) });
  }

  private complete(
    pending: Pending,
    result: { payload?: string; error?: LambdaErrorDocument; maxMemoryMB?: number; timedOut?: boolean },
  ): void {
    if (this.pending !== pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    // A failed init leaves nothing to reuse: Lambda starts a fresh environment for the next request.
    if (this.initState === 'failed') this.kill();
    const outcome: InstanceOutcome = {
      payload: result.error ? JSON.stringify(result.error) : (result.payload ?? 'null'),
      error: result.error,
      durationMs: performance.now() - pending.started,
      maxMemoryMB: result.maxMemoryMB,
      timedOut: result.timedOut,
    };
    if (!this.initReported && this.initDurationMs !== undefined) {
      outcome.initDurationMs = this.initDurationMs;
      this.initReported = true;
    }
    pending.resolve(outcome);
  }
}
