// `eddy/testing`: start the local cloud in-process on a free port, for vitest or jest.
import { DevEnvironment } from '../dev/environment.js';
import type { Clock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import type { AppModel } from '../template/model.js';
import type { TraceRecord } from '../trace/record.js';
import { invoke, putEvents, startExecution, type TestEventEntry } from './aws-calls.js';

export type { TestEventEntry } from './aws-calls.js';

/** Options of startEddy. */
export interface StartEddyOptions {
  /** The template file, relative to the working folder (default: ./template.yaml). */
  template?: string;
  /** A state folder; in memory when omitted, so each test run starts clean. */
  state?: string;
  parameterOverrides?: Record<string, string>;
  /** Buckets served from existing folders: bucket name (or logical id) → folder. */
  buckets?: Record<string, string>;
  /**
   * Keep every trace record in `records` for `waitFor` (default true). Off, nothing listens to the
   * trace, as in `eddy dev` with no `eddy tail` attached: benchmarks measure eddy as users run it.
   */
  traceRecords?: boolean;
  /** Reload on template changes (off by default in tests). */
  watch?: boolean;
  /** The clock for retries, schedules and timeouts (a ManualClock drives them without sleeping). */
  clock?: Clock;
  /** Access key id → secret: require SigV4 signatures by these keys (as `eddy dev --auth`). */
  auth?: Record<string, string>;
}

/** A predicate over trace records, or fields a record must have. */
export type TraceQuery =
  ((record: TraceRecord) => boolean) | Partial<Pick<TraceRecord, 'kind' | 'resource' | 'traceId'>>;

/** A running eddy started by startEddy. */
export interface RunningEddy {
  /** `http://127.0.0.1:<port>`: point AWS SDK clients here (`endpoint`, or AWS_ENDPOINT_URL). */
  endpoint: string;
  /** The App model running now. */
  readonly app: AppModel;
  /** Every trace record published since start. */
  readonly records: readonly TraceRecord[];
  /** Resolves with the first record (already seen or future) that matches; rejects after timeoutMs. */
  waitFor(query: TraceQuery, timeoutMs?: number): Promise<TraceRecord>;
  /** PutEvents on the local bus (Detail may be an object). */
  putEvents(entries: TestEventEntry[]): ReturnType<typeof putEvents>;
  /** Invokes a function by name, logical id or ARN and waits for its result. */
  invoke(name: string, payload?: unknown): ReturnType<typeof invoke>;
  /** Starts an execution of a state machine (by ARN, name or logical id). */
  startExecution(stateMachine: string, input?: unknown, name?: string): ReturnType<typeof startExecution>;
  stop(): Promise<void>;
}

function matcher(query: TraceQuery): (record: TraceRecord) => boolean {
  if (typeof query === 'function') return query;
  return (record) =>
    Object.entries(query).every(([key, value]) => record[key as keyof TraceRecord] === value);
}

/** Starts eddy on a free port with the template; call `stop()` when done. */
export async function startEddy(options: StartEddyOptions = {}): Promise<RunningEddy> {
  const env = await DevEnvironment.start({
    template: options.template,
    port: 0,
    stateDir: options.state,
    inMemory: options.state === undefined,
    watch: options.watch ?? false,
    parameterOverrides: options.parameterOverrides,
    buckets: options.buckets,
    logger: silentLogger,
    clock: options.clock,
    auth: options.auth,
  });
  const [firstKey] = Object.entries(options.auth ?? {});
  const key = firstKey && { accessKeyId: firstKey[0], secretAccessKey: firstKey[1] };
  const records: TraceRecord[] = [...env.trace.history({ afterSeq: 0 })];
  const waiters = new Set<{ test: (r: TraceRecord) => boolean; resolve: (r: TraceRecord) => void }>();
  if (options.traceRecords !== false)
    env.trace.subscribe((record) => {
      records.push(record);
      for (const waiter of waiters) {
        if (waiter.test(record)) {
          waiters.delete(waiter);
          waiter.resolve(record);
        }
      }
    });
  return {
    endpoint: env.endpoint,
    get app() {
      return env.currentApp;
    },
    records,
    waitFor(query, timeoutMs = 10_000) {
      if (options.traceRecords === false)
        return Promise.reject(new Error('waitFor: this eddy was started with traceRecords: false'));
      const test = matcher(query);
      const seen = records.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { test, resolve: (r: TraceRecord) => (clearTimeout(timer), resolve(r)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`waitFor: no matching trace record within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    putEvents: (entries) => putEvents(env.endpoint, entries, key),
    invoke: (name, payload) => invoke(env.endpoint, name, payload, key),
    startExecution: (stateMachine, input, name) => {
      const machine = env.currentApp.stateMachines.find(
        (m) => m.arn === stateMachine || m.name === stateMachine || m.logicalId === stateMachine,
      );
      return startExecution(env.endpoint, machine?.arn ?? stateMachine, input, name, key);
    },
    stop: () => env.stop(),
  };
}
