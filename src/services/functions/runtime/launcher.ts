// Starts the instances of one function. Instances come from a standby process when one is ready: a
// booted worker (Node.js or Python) without code that only has to load the module, so a new instance
// after a reload (or in a burst) skips the interpreter's own start (tens to hundreds of milliseconds).
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { FunctionModel } from '../../../template/model.js';
import type { Credentials } from '../../core/service.js';
import { isPythonRuntime, splitHandler } from '../handler-path.js';
import { launchNode, launchPython, type LaunchOptions } from './channel.js';
import { instanceEnvironment, logStreamName } from './environment.js';
import { Instance } from './instance.js';
import { workerScriptPath } from './worker-script.js';

/** How long after an instance starts the next standby process is booted (so they do not compete). */
const STANDBY_DELAY_MS = 30;

/** What the launcher needs besides the function. */
export interface LauncherDeps {
  region: string;
  endpoint: string;
  credentials?: Credentials;
  pythonBootstrap: string;
  clock: Clock;
  /** A standby unused this long, while the function has no instance, is stopped. */
  idleMs: number;
  /** How many instances the function has now. */
  instances(): number;
}

/** Starts instances of one function, keeping one standby process while the function runs. */
export class InstanceLauncher {
  private standby?: Instance;
  private standbyTimer?: NodeJS.Timeout;
  private standbyReaper?: TimerHandle;
  private disposed = false;

  constructor(
    private readonly fn: FunctionModel,
    private readonly deps: LauncherDeps,
  ) {}

  /** A new instance of `generation` running `outputFile` (Node.js) or the Python handler module. */
  start(generation: number, outputFile: string): Instance {
    const standby = this.standby?.alive ? this.standby : undefined;
    this.standby = undefined;
    const instance = standby ?? this.spawn();
    const python = isPythonRuntime(this.fn.runtime);
    instance.activate(generation, python ? splitHandler(this.fn.handler).module : outputFile);
    this.refillStandby();
    return instance;
  }

  /** Stops the standby process. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.standbyTimer);
    this.standbyReaper?.cancel();
    this.standby?.kill();
  }

  private refillStandby(): void {
    clearTimeout(this.standbyTimer);
    this.standbyTimer = setTimeout(() => {
      if (this.disposed || this.standby?.alive) return;
      this.standby = this.spawn();
      this.scheduleReap();
    }, STANDBY_DELAY_MS);
    this.standbyTimer.unref();
  }

  private scheduleReap(): void {
    this.standbyReaper?.cancel();
    this.standbyReaper = this.deps.clock.setTimer(() => {
      if (this.deps.instances() > 0) return this.scheduleReap();
      this.standby?.kill();
      this.standby = undefined;
    }, this.deps.idleMs);
  }

  private spawn(): Instance {
    const launch = this.options({ EDDY_HANDLER_EXPORT: splitHandler(this.fn.handler).exportPath });
    const python = isPythonRuntime(this.fn.runtime);
    // The process itself starts on the spawn queue's turn (spawn-queue.ts), not in this call.
    return new Instance(
      () =>
        python ? launchPython(this.deps.pythonBootstrap, launch) : launchNode(workerScriptPath(), launch),
      -1,
    );
  }

  private options(extra: Record<string, string>): LaunchOptions {
    const env = instanceEnvironment(this.fn, {
      region: this.deps.region,
      endpoint: this.deps.endpoint,
      credentials: this.deps.credentials,
      taskRoot: this.fn.codeDir,
      logStreamName: logStreamName(randomUUID()),
    });
    return { env: { ...env, ...extra }, cwd: this.fn.codeDir, memoryMB: this.fn.memoryMB };
  }
}
