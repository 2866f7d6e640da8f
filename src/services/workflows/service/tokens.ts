// Task tokens that survive a restart: a resumed execution re-runs the state it was in, and its
// `.waitForTaskToken` task must wait on the token the worker already holds, not on a new one.
import { TaskTokenRegistry } from '../index.js';

/**
 * One execution's view of the shared registry: `issue()` hands out the tokens it had before the
 * restart first; waiting and SendTask* go to the shared registry the API uses.
 */
export class ExecutionTokens extends TaskTokenRegistry {
  constructor(
    private readonly shared: TaskTokenRegistry,
    private readonly reuse: string[],
    private readonly onIssue: (token: string) => void,
  ) {
    super();
  }

  override issue(): string {
    const token = this.reuse.shift() ?? this.shared.issue();
    this.onIssue(token);
    return token;
  }

  override wait(token: string, onHeartbeat: () => void, signal: AbortSignal): Promise<unknown> {
    return this.shared.wait(token, onHeartbeat, signal);
  }

  override has(token: string): boolean {
    return this.shared.has(token);
  }

  override sendTaskSuccess(token: string, output: unknown): void {
    this.shared.sendTaskSuccess(token, output);
  }

  override sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.shared.sendTaskFailure(token, error, cause);
  }

  override sendTaskHeartbeat(token: string): void {
    this.shared.sendTaskHeartbeat(token);
  }
}
