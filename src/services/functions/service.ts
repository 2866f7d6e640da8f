// The functions service: Lambda's local runtime. It builds and runs the template's functions, serves
// invocations (programmatic, the Invoke API through api/, and router calls by ARN), and reloads a
// function's code when one of its source files changes.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModel, FunctionModel } from '../../template/model.js';
import type { ResourceSummary, Service, ServiceContext, TargetCallOptions } from '../core/service.js';
import { AsyncInvoker, type AsyncJournal } from './async-invoker.js';
import { LambdaAsyncEvents, lambdaAsyncFamily } from '../../store/lambda-async.js';
import { type FunctionConfiguration, functionConfiguration } from './configuration.js';
import {
  FunctionInvocationError,
  FunctionNotFoundError,
  InvalidPayloadError,
  RequestTooLargeError,
} from './errors.js';
import { spawnerHost } from './runtime/spawner-host.js';
import { FunctionRuntime } from './function-runtime.js';
import { logTailBytes } from './runtime/kept-logs.js';
import { RESPONSE_PAYLOAD_BYTES, responseTooLargeError } from './runtime/lambda-errors.js';
import { findFunction } from './lookup.js';
import { createWatcher, type FileWatcher } from './watcher.js';

/** How the service runs (the dev command's flags end up here). */
export interface FunctionsServiceOptions {
  /** Watch sources and reload on change (`--no-watch` sets false). Default true. */
  watch?: boolean;
  /** How long an idle instance is kept warm. Default 5 minutes. */
  idleMs?: number;
  /** Waits between async attempts (Lambda: 1 and 2 minutes). */
  asyncRetryDelaysMs?: number[];
  /** Replaces the watcher (tests). */
  watcher?: FileWatcher;
}

/** Options of one invocation. */
export interface InvokeOptions {
  invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  traceId?: string;
  /** `Tail` returns the last 4 KB of the logs, base64, as X-Amz-Log-Result. */
  logType?: 'None' | 'Tail';
}

/** An invocation's answer, as the Invoke API returns it. */
export interface InvokeResult {
  /** 200 (RequestResponse), 202 (Event), 204 (DryRun). */
  statusCode: number;
  /** The result or Lambda's error document as JSON text ('' for Event and DryRun). */
  payload: string;
  /** `Unhandled` when the function failed (X-Amz-Function-Error). */
  functionError?: 'Unhandled';
  /** Base64 of the last 4 KB of the logs, when logType is Tail. */
  logTail?: string;
  executedVersion: '$LATEST';
  durationMs: number;
  requestId: string;
  /** The invocation's log lines (empty for Event). */
  logs: string[];
}

/** A function the service runs. */
interface Entry {
  fn: FunctionModel;
  runtime: FunctionRuntime;
  /** Its model as text, to tell a changed configuration on apply. */
  signature: string;
  loadedAt: number;
}

/** Lambda's 4 KB LogResult limit. */
const LOG_TAIL_BYTES = 4096;
/** Invoke payload quotas (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html). */
const SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
const ASYNC_PAYLOAD_BYTES = 1024 * 1024;

/** Lambda, locally. */
export class FunctionsService implements Service {
  readonly name = 'functions';
  readonly arnService = 'lambda';
  private ctx?: ServiceContext;
  private watcher?: FileWatcher;
  private asyncInvoker?: AsyncInvoker;
  private buildDir?: string;
  private ownsBuildDir = false;
  private readonly runtimes = new Map<string, Entry>();
  private resumed = false;
  /** Stops the spawner (runtime/spawner-host.ts) when this service stops. */
  private releaseSpawner?: () => void;

  constructor(private readonly options: FunctionsServiceOptions = {}) {}

  async start(context: ServiceContext): Promise<void> {
    this.ctx = context;
    // Now, while eddy is small: the spawner's own fork is the last one that blocks eddy's event loop.
    this.releaseSpawner ??= spawnerHost.retain();
    const { stateDir } = context.config;
    if (stateDir) this.buildDir = join(stateDir, 'build');
    this.watcher = this.options.watcher ?? createWatcher(this.options.watch ?? true);
    this.watcher.onChange((file) => this.onFileChange(file));
    this.asyncInvoker = new AsyncInvoker({
      clock: context.clock,
      router: context.router,
      trace: context.trace,
      logger: context.logger,
      retryDelaysMs: this.options.asyncRetryDelaysMs,
      journal: asyncJournal(context),
      current: (name) => this.runtimes.get(name)?.fn,
      attempt: async (fn, payload, traceId, requestId) => {
        const result = await this.run(this.entry(fn.name), payload, traceId, requestId, 'Event');
        return { payload: result.payload, failed: result.error !== undefined };
      },
    });
  }

  async apply(app: AppModel): Promise<void> {
    const ctx = this.requireStarted();
    const wanted = new Map(app.functions.map((fn) => [fn.name, fn]));
    for (const [name, entry] of this.runtimes) {
      const next = wanted.get(name);
      if (!next || signatureOf(next) !== entry.signature) {
        this.runtimes.delete(name);
        await entry.runtime.retire();
      }
    }
    const fresh: FunctionRuntime[] = [];
    for (const fn of wanted.values()) {
      if (this.runtimes.has(fn.name)) continue;
      const runtime = new FunctionRuntime(fn, {
        region: ctx.config.region,
        endpoint: ctx.config.endpoint,
        credentials: ctx.config.credentials,
        buildDir: this.buildDirFor(app),
        pythonBootstrap: fileURLToPath(new URL('./python/bootstrap.py', import.meta.url)),
        trace: ctx.trace,
        clock: ctx.clock,
        logger: ctx.logger,
        idleMs: this.options.idleMs ?? 5 * 60_000,
      });
      this.runtimes.set(fn.name, { fn, runtime, signature: signatureOf(fn), loadedAt: ctx.clock.now() });
      fresh.push(runtime);
    }
    await Promise.all(fresh.map((r) => r.reload()));
    for (const runtime of fresh) this.watcher!.add(runtime.watchedDirs);
    // Events accepted before a restart run once the functions they target exist again.
    if (!this.resumed) {
      this.resumed = true;
      this.asyncInvoker!.resume();
    }
  }

  async dispose(): Promise<void> {
    this.asyncInvoker?.dispose();
    await this.watcher?.close();
    await Promise.all([...this.runtimes.values()].map((e) => e.runtime.dispose()));
    this.runtimes.clear();
    this.releaseSpawner?.();
    this.releaseSpawner = undefined;
    if (this.ownsBuildDir && this.buildDir) rmSync(this.buildDir, { recursive: true, force: true });
  }

  describe(): ResourceSummary[] {
    return [...this.runtimes.values()].map(({ fn, runtime }) => ({
      type: 'AWS::Lambda::Function',
      logicalId: fn.logicalId,
      name: fn.name,
      detail: runtime.buildFailure
        ? `${fn.runtime} ${fn.handler} (build failed)`
        : `${fn.runtime} ${fn.handler}`,
    }));
  }

  /** The functions it runs now (ListFunctions / GetFunction). */
  functions(): FunctionModel[] {
    return [...this.runtimes.values()].map((e) => e.fn);
  }

  /** Lambda's FunctionConfiguration of every function (ListFunctions). */
  configurations(): FunctionConfiguration[] {
    return [...this.runtimes.values()].map((e) => this.configurationOf(e));
  }

  /** One function's FunctionConfiguration (GetFunction); throws ResourceNotFoundException. */
  configuration(nameOrArn: string): FunctionConfiguration {
    return this.configurationOf(this.entry(nameOrArn));
  }

  /** One function's model by name, ARN or logical id; throws ResourceNotFoundException. */
  getFunction(nameOrArn: string): FunctionModel {
    return this.entry(nameOrArn).fn;
  }

  /** How many instances of a function are alive now (warm or busy). */
  instanceCount(nameOrArn: string): number {
    return this.entry(nameOrArn).runtime.instanceCount;
  }

  /** Invokes a function as Lambda's Invoke API does. */
  async invoke(nameOrArn: string, payload: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    return this.invokeText(this.entry(nameOrArn), payloadText(payload), options);
  }

  /** Invokes with a payload already known to be JSON text. */
  private async invokeText(entry: Entry, text: string, options: InvokeOptions): Promise<InvokeResult> {
    const traceId = options.traceId ?? randomUUID();
    const requestId = randomUUID();
    const type = options.invocationType ?? 'RequestResponse';
    const base = { executedVersion: '$LATEST' as const, requestId, logs: [] as string[], durationMs: 0 };
    const limit = type === 'Event' ? ASYNC_PAYLOAD_BYTES : SYNC_PAYLOAD_BYTES;
    if (Buffer.byteLength(text) > limit) throw new RequestTooLargeError(limit);
    if (type === 'DryRun') return { ...base, statusCode: 204, payload: '' };
    if (type === 'Event') {
      this.asyncInvoker!.enqueue(entry.fn, text, traceId, requestId);
      return { ...base, statusCode: 202, payload: '' };
    }
    const result = await this.run(entry, text, traceId, requestId, type);
    // Instances check the size before sending (runtime/worker.ts, bootstrap.py); this catches the rest.
    if (!result.error && Buffer.byteLength(result.payload) > RESPONSE_PAYLOAD_BYTES) {
      result.error = responseTooLargeError();
      result.payload = JSON.stringify(result.error);
    }
    const answer: InvokeResult = {
      ...base,
      statusCode: 200,
      payload: result.payload,
      logs: result.logs,
      durationMs: result.durationMs,
    };
    if (result.error) answer.functionError = 'Unhandled';
    if (options.logType === 'Tail') answer.logTail = logTail(result.logs);
    return answer;
  }

  /** A router call: RequestResponse resolves with the parsed result or rejects with the function's error. */
  async invokeTarget(arn: string, payload: unknown, options: TargetCallOptions): Promise<unknown> {
    // Router payloads are JSON values (a string payload is a JSON string, not JSON text): the text made
    // here is JSON, so it is not parsed again to be validated.
    const entry = this.entry(arn);
    const result = await this.invokeText(entry, JSON.stringify(payload ?? {}) ?? '{}', {
      traceId: options.traceId,
      invocationType: options.invocationType,
    });
    if (result.functionError) {
      throw new FunctionInvocationError(entry.fn.arn, JSON.parse(result.payload));
    }
    return result.payload === '' ? undefined : (JSON.parse(result.payload) as unknown);
  }

  /** Resolves when no asynchronous attempt is running (tests). */
  async asyncIdle(): Promise<void> {
    await this.asyncInvoker?.idle();
  }

  private async run(
    entry: { fn: FunctionModel; runtime: FunctionRuntime },
    payload: string,
    traceId: string,
    requestId: string,
    invocationType: string,
  ) {
    const result = await entry.runtime.run(payload, traceId, requestId);
    this.requireStarted().trace.publish({
      kind: 'invocation',
      traceId,
      resource: entry.fn.arn,
      payload: {
        function: entry.fn.name,
        requestId,
        invocationType,
        status: result.error ? 'failed' : 'succeeded',
        durationMs: Math.round(result.durationMs * 100) / 100,
        summary: result.error
          ? `✘ ${result.error.errorType}: ${result.error.errorMessage} (${Math.round(result.durationMs)} ms)`
          : `✔ ${invocationType} in ${Math.round(result.durationMs * 100) / 100} ms`,
        ...(result.error
          ? { error: { errorType: result.error.errorType, errorMessage: result.error.errorMessage } }
          : {}),
        result: result.payload.length > 4096 ? result.payload.slice(0, 4096) : result.payload,
      },
    });
    return result;
  }

  private onFileChange(file: string): void {
    for (const { fn, runtime } of this.runtimes.values()) {
      if (!runtime.uses(file)) continue;
      const started = performance.now();
      void runtime.reload().then(() => {
        this.watcher?.add(runtime.watchedDirs);
        this.ctx?.trace.publish({
          kind: 'reload',
          traceId: randomUUID(),
          resource: fn.arn,
          payload: {
            function: fn.name,
            file,
            ok: !runtime.buildFailure,
            durationMs: performance.now() - started,
          },
        });
      });
    }
  }

  private configurationOf(entry: Entry): FunctionConfiguration {
    return functionConfiguration(entry.fn, {
      loadedAt: entry.loadedAt,
      buildError: entry.runtime.buildFailure?.message,
    });
  }

  // Built handlers must sit inside the project so that External packages resolve from its
  // node_modules: `.eddy/build`, or with --in-memory node_modules/.cache (where tools keep caches);
  // a temp folder only when the project has no node_modules at all.
  private buildDirFor(app: AppModel): string {
    if (this.buildDir) return this.buildDir;
    const modules = join(app.rootDir, 'node_modules');
    this.ownsBuildDir = true;
    const parent = existsSync(modules) ? join(modules, '.cache') : tmpdir();
    mkdirSync(parent, { recursive: true });
    this.buildDir = mkdtempSync(join(parent, 'eddy-build-'));
    return this.buildDir;
  }

  private entry(nameOrArn: string) {
    const found = findFunction(this.runtimes.values(), nameOrArn);
    if (found) return found;
    const { region, accountId } = this.requireStarted().config;
    throw new FunctionNotFoundError(nameOrArn, region, accountId);
  }

  private requireStarted(): ServiceContext {
    if (!this.ctx) throw new Error('functions service used before start()');
    return this.ctx;
  }
}

function signatureOf(fn: FunctionModel): string {
  return JSON.stringify({ ...fn, position: undefined });
}

function payloadText(payload: unknown): string {
  if (payload === undefined || payload === null) return '{}';
  const text =
    typeof payload === 'string'
      ? payload
      : Buffer.isBuffer(payload)
        ? payload.toString('utf8')
        : JSON.stringify(payload);
  if (text.trim() === '') return '{}';
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InvalidPayloadError((error as Error).message);
  }
  return text;
}

function logTail(lines: string[]): string {
  return logTailBytes(lines, LOG_TAIL_BYTES).toString('base64');
}

/** The store's journal of accepted Event invocations. */
function asyncJournal(context: ServiceContext): AsyncJournal {
  context.store.migrate(lambdaAsyncFamily);
  return new LambdaAsyncEvents(context.store.db);
}
