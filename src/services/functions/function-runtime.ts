// One function at run time: its build (Node.js) or its Python module, its instance pool, and the
// invocation path with Lambda's logs (START/END/REPORT), trace records and error documents.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { FunctionModel } from '../../template/model.js';
import type { Credentials } from '../core/service.js';
import type { TraceHub } from '../../trace/hub.js';
import { xrayTraceHeader } from '../../trace/xray-header.js';
import type { BuildFailure } from './build/build-error.js';
import { FunctionBuilder } from './build/builder.js';
import { codeFolders, isPythonRuntime, splitHandler } from './handler-path.js';
import { KeptLogs } from './runtime/kept-logs.js';
import { InstanceLauncher } from './runtime/launcher.js';
import { endLine, LineSplitter, reportLine, startLine } from './runtime/log-lines.js';
import { DEFAULT_CONCURRENCY, InstancePool } from './runtime/pool.js';
import type { LambdaErrorDocument } from './runtime/protocol.js';

/** How long after a build eddy looks again for changes a watcher may have dropped. */
const SETTLE_MS = 80;

/** What a function runtime needs from the service. */
export interface RuntimeDeps {
  region: string;
  endpoint: string;
  credentials?: Credentials;
  /** Where the function's build output goes. */
  buildDir: string;
  pythonBootstrap: string;
  trace: TraceHub;
  clock: Clock;
  logger: Logger;
  idleMs: number;
}

/** One synchronous invocation's result, as the Invoke API reports it. */
export interface RunResult {
  requestId: string;
  /** The result or the error document, as JSON text. */
  payload: string;
  error?: LambdaErrorDocument;
  /** The invocation's log lines, START to REPORT (the most recent KEPT_LOG_CHARS of them). */
  logs: string[];
  durationMs: number;
}

/** A function's build, instances and invocation path. */
export class FunctionRuntime {
  private readonly builder?: FunctionBuilder;
  private readonly pool: InstancePool;
  private readonly python: boolean;
  private outputFile?: string;
  private failure?: BuildFailure;
  private inputs: string[] = [];
  private building?: Promise<void>;
  private rebuildAgain = false;
  private lastBuildStamps = new Map<string, number>();
  private settleTimer?: NodeJS.Timeout;
  private disposed = false;
  private readonly launcher: InstanceLauncher;

  constructor(
    readonly fn: FunctionModel,
    private readonly deps: RuntimeDeps,
  ) {
    this.python = isPythonRuntime(fn.runtime);
    this.failure = malformedHandler(fn.handler);
    if (!this.python && !this.failure)
      this.builder = new FunctionBuilder(fn, join(deps.buildDir, fn.logicalId));
    this.launcher = new InstanceLauncher(fn, { ...deps, instances: () => this.pool.size });
    this.pool = new InstancePool({
      start: (generation) => this.launcher.start(generation, this.outputFile ?? ''),
      maxInstances: fn.reservedConcurrency ?? DEFAULT_CONCURRENCY,
      idleMs: deps.idleMs,
      clock: deps.clock,
    });
  }

  /**
   * The folders to watch: those holding the import graph (Node.js) or the code folder tree (Python).
   * Folders, not files: chokidar drops a second write to a watched file that follows the first closely
   * (an editor saving twice, a fix right after a typo), while folder events arrive for each write.
   */
  get watchedDirs(): string[] {
    if (this.python) return codeFolders(this.fn.codeDir);
    return [...new Set(this.inputs.map((file) => dirname(file)))];
  }

  /** Whether a changed file is this function's code. */
  uses(file: string): boolean {
    if (this.python) return file.startsWith(this.fn.codeDir + sep) && file.endsWith('.py');
    // While the build fails, a new file next to the sources may be the missing import: try again.
    const maybeMissing = this.failure !== undefined && /\.[cm]?[jt]sx?$/.test(file);
    return this.inputs.includes(file) || (maybeMissing && this.watchedDirs.includes(dirname(file)));
  }

  /** The current build failure, if the code does not build. */
  get buildFailure(): BuildFailure | undefined {
    return this.failure;
  }

  /** Live instances (for tests and describe). */
  get instanceCount(): number {
    return this.pool.size;
  }

  /** Builds the code (first load, or after a change); the next invocations run the new code. */
  reload(): Promise<void> {
    if (this.building) {
      this.rebuildAgain = true;
      return this.building;
    }
    this.building = this.rebuildLoop().finally(() => {
      this.building = undefined;
      this.scheduleSettleCheck();
    });
    return this.building;
  }

  /** Runs one invocation to its end, whatever the handler does. */
  async run(payload: string, traceId: string, requestId: string = randomUUID()): Promise<RunResult> {
    if (this.building) await this.building;
    const logs = new KeptLogs();
    const log = (line: string, stream: 'stdout' | 'stderr' = 'stdout') => {
      logs.push(line);
      this.deps.trace.publish({
        kind: 'log',
        traceId,
        resource: this.fn.arn,
        payload: { function: this.fn.name, requestId, stream, message: line },
      });
    };
    log(startLine(requestId));
    if (this.failure) {
      const error = this.failure.document;
      log(endLine(requestId));
      log(reportLine(requestId, { durationMs: 0, memoryMB: this.fn.memoryMB, error }));
      return { requestId, payload: JSON.stringify(error), error, logs: logs.lines(), durationMs: 0 };
    }
    const instance = await this.pool.acquire();
    // Made on the first output: most invocations of a warm handler print nothing.
    const splitters: Partial<Record<'stdout' | 'stderr', LineSplitter>> = {};
    const outcome = await instance
      .invoke({
        requestId,
        payload,
        timeoutSeconds: this.fn.timeoutSeconds,
        invokedFunctionArn: this.fn.arn,
        traceHeader: xrayTraceHeader(traceId, requestId),
        onLog: ({ stream, text }) => {
          for (const line of (splitters[stream] ??= new LineSplitter()).push(text)) log(line, stream);
        },
      })
      .finally(() => this.pool.release(instance));
    for (const stream of ['stdout', 'stderr'] as const)
      splitters[stream]?.flush().forEach((l) => log(l, stream));
    log(endLine(requestId));
    log(reportLine(requestId, { ...outcome, memoryMB: this.fn.memoryMB }));
    return {
      requestId,
      payload: outcome.payload,
      error: outcome.error,
      logs: logs.lines(),
      durationMs: outcome.durationMs,
    };
  }

  /** Replaced by a new configuration: running invocations finish, then its instances stop. */
  async retire(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.settleTimer);
    this.launcher.dispose();
    this.pool.retire();
    await this.builder?.dispose();
  }

  /** Stops instances and the builder. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.settleTimer);
    this.launcher.dispose();
    this.pool.dispose();
    await this.builder?.dispose();
  }

  private async rebuildLoop(): Promise<void> {
    do {
      this.rebuildAgain = false;
      this.lastBuildStamps = this.stamps();
      await this.buildOnce();
      // A save during the build may have been read half-way or not at all: build again if so.
      if (this.changedSince(this.lastBuildStamps)) this.rebuildAgain = true;
    } while (this.rebuildAgain);
  }

  // chokidar drops a file's second change event within 50 ms of the first; look once more after that
  // window so a quick second save (a fix right after a typo) is never missed.
  private scheduleSettleCheck(): void {
    clearTimeout(this.settleTimer);
    const stamps = this.lastBuildStamps;
    this.settleTimer = setTimeout(() => {
      if (!this.disposed && this.changedSince(stamps)) void this.reload();
    }, SETTLE_MS);
    this.settleTimer.unref();
  }

  /** The modification times of the sources, as a build starts. */
  private stamps(): Map<string, number> {
    return new Map(this.inputs.map((file) => [file, mtimeOf(file)]));
  }

  // Compared with the times seen at the build's start (not with the clock), so files dated in the
  // future (unpacked archives, clock skew) cannot make builds loop.
  private changedSince(stamps: Map<string, number>): boolean {
    for (const [file, mtime] of stamps) if (mtimeOf(file) !== mtime) return true;
    return false;
  }

  private async buildOnce(): Promise<void> {
    if (malformedHandler(this.fn.handler)) return;
    if (!this.builder) {
      this.pool.newGeneration(this.pool.size > 0);
      return;
    }
    const outcome = await this.builder.build();
    this.inputs = outcome.inputs;
    const hadInstances = this.pool.size > 0;
    if (outcome.ok) {
      const recovered = this.failure !== undefined;
      this.failure = undefined;
      this.outputFile = outcome.outputFile;
      this.pool.newGeneration(hadInstances || recovered);
      this.deps.logger.debug?.(`functions: built ${this.fn.name} in ${outcome.durationMs.toFixed(1)} ms`);
      return;
    }
    const repeated = this.failure?.message === outcome.failure.message;
    this.failure = outcome.failure;
    this.pool.newGeneration(false);
    // The same error again (another file in the folder changed) is news to nobody.
    if (repeated) return;
    this.deps.logger.error(`✘ ${this.fn.name}: build failed\n${outcome.failure.message}`);
    this.deps.trace.publish({
      kind: 'error',
      traceId: randomUUID(),
      resource: this.fn.arn,
      payload: {
        function: this.fn.name,
        message: outcome.failure.message,
        location: outcome.failure.location,
        errorType: outcome.failure.document.errorType,
      },
    });
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** A Handler without `file.export` can never load: Lambda's Runtime.MalformedHandlerName. */
function malformedHandler(handler: string): BuildFailure | undefined {
  try {
    splitHandler(handler);
    return undefined;
  } catch {
    const text = `Bad handler ${handler}: expected <file>.<export>`;
    const document = { errorType: 'Runtime.MalformedHandlerName', errorMessage: text, trace: [] };
    return { text, message: text, document, files: [] };
  }
}
