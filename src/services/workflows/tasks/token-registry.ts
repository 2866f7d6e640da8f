// Task tokens of `.waitForTaskToken` tasks: a task waits on its token until SendTaskSuccess,
// SendTaskFailure or a heartbeat timeout; SendTaskHeartbeat resets the heartbeat clock.
import { randomBytes } from 'node:crypto';
import { TaskFailedError } from '../errors/task-errors.js';

interface Waiting {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  onHeartbeat: () => void;
}

/** The error SendTask* raise for a token nobody waits on (the API maps it to TaskDoesNotExist/InvalidToken). */
export class UnknownTaskTokenError extends Error {
  readonly code: 'TaskDoesNotExist' | 'InvalidToken';
  constructor(code: 'TaskDoesNotExist' | 'InvalidToken', message: string) {
    super(message);
    this.code = code;
  }
}

/** Issues tokens and routes SendTask* calls to the task waiting on them. */
export class TaskTokenRegistry {
  private readonly waiting = new Map<string, Waiting>();

  /** A new opaque token. */
  issue(): string {
    return randomBytes(48).toString('base64url');
  }

  /** Waits for the outcome of `token`; `onHeartbeat` runs on each SendTaskHeartbeat. */
  wait(token: string, onHeartbeat: () => void, signal: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const done = () => this.waiting.delete(token);
      signal.addEventListener('abort', () => {
        done();
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      });
      this.waiting.set(token, {
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
        onHeartbeat,
      });
    });
  }

  /** True when a task waits on `token`. */
  has(token: string): boolean {
    return this.waiting.has(token);
  }

  /** SendTaskSuccess. */
  sendTaskSuccess(token: string, output: unknown): void {
    this.get(token).resolve(output);
  }

  /** SendTaskFailure: the task fails with `error` (default States.TaskFailed) and `cause`. */
  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.get(token).reject(new TaskFailedError(error ?? 'States.TaskFailed', cause));
  }

  /** SendTaskHeartbeat. */
  sendTaskHeartbeat(token: string): void {
    this.get(token).onHeartbeat();
  }

  private get(token: string): Waiting {
    if (!token || token.length < 1) throw new UnknownTaskTokenError('InvalidToken', 'Invalid token');
    const w = this.waiting.get(token);
    if (!w) throw new UnknownTaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    return w;
  }
}
