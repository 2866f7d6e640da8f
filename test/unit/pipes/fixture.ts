// Queues and pipes services on one in-memory store and a ManualClock, with a fake `lambda` service that
// records its calls, routed by the real ServiceRouter.
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/database.js';
import { TraceHub } from '../../../src/trace/hub.js';
import type { TraceRecord } from '../../../src/trace/record.js';
import type { Service, ServiceContext, TargetCallOptions } from '../../../src/services/core/service.js';
import { ServiceRouter } from '../../../src/services/router.js';
import { QueuesService } from '../../../src/services/queues/service.js';
import { PipesService } from '../../../src/services/pipes/service.js';
import { emptyApp, type AppModel } from '../../../src/template/model.js';

/** A call the fake function received. */
export interface FakeCall {
  arn: string;
  payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test events are free-form
  options: TargetCallOptions;
}

/** A fake function service: `respond` decides each call's result (throw to fail). */
export class FakeFunctions implements Service {
  constructor(
    readonly name = 'functions',
    readonly arnService = 'lambda',
  ) {}

  readonly calls: FakeCall[] = [];
  respond: (call: FakeCall) => unknown = () => null;
  async start(): Promise<void> {}
  async apply(): Promise<void> {}
  async dispose(): Promise<void> {}
  describe() {
    return [];
  }
  async invokeTarget(arn: string, payload: unknown, options: TargetCallOptions): Promise<unknown> {
    const call = { arn, payload, options };
    this.calls.push(call);
    return this.respond(call);
  }
}

/** The running fixture. */
export interface PipesFixture {
  queues: QueuesService;
  pipes: PipesService;
  functions: FakeFunctions;
  /** A fake Step Functions service (arnService `states`). */
  workflows: FakeFunctions;
  clock: ManualClock;
  records: TraceRecord[];
  app(patch: Partial<AppModel>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts queues, pipes and the fake functions. */
export async function startPipes(): Promise<PipesFixture> {
  const store = openStore({ inMemory: true });
  const clock = new ManualClock();
  const trace = new TraceHub();
  const records: TraceRecord[] = [];
  trace.subscribe((r) => records.push(r));
  const queues = new QueuesService();
  const pipes = new PipesService();
  const functions = new FakeFunctions();
  const workflows = new FakeFunctions('workflows', 'states');
  const services: Service[] = [queues, functions, workflows, pipes];
  const context: ServiceContext = {
    config: { region: 'us-east-1', accountId: '000000000000', endpoint: 'http://127.0.0.1:4949' },
    store,
    trace,
    clock,
    logger: silentLogger,
    router: new ServiceRouter(() => services),
    lookup: <T extends Service>(name: string) => services.find((s) => s.name === name) as T | undefined,
  };
  for (const s of services) await s.start(context);
  return {
    queues,
    pipes,
    functions,
    workflows,
    clock,
    records,
    async app(patch) {
      const app = { ...emptyApp(), ...patch };
      for (const s of services) await s.apply(app);
    },
    async stop() {
      for (const s of [...services].reverse()) await s.dispose();
      store.close();
    },
  };
}

/** Lets pending callbacks run until `check` holds (or fails after many turns). */
export async function until(check: () => boolean, turns = 200): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}

/** Settles pending callbacks. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
