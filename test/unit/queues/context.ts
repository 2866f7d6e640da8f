// A ServiceContext over an in-memory store and a ManualClock, for driving the queues service alone.
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/database.js';
import { TraceHub } from '../../../src/trace/hub.js';
import type { TraceRecord } from '../../../src/trace/record.js';
import type { ServiceContext, TargetRouter } from '../../../src/services/core/service.js';
import { QueuesService } from '../../../src/services/queues/service.js';

/** A started queues service with its clock, store and trace records. */
export interface QueueFixture {
  service: QueuesService;
  clock: ManualClock;
  store: Store;
  records: TraceRecord[];
  context: ServiceContext;
}

/** Starts a queues service on `store` (a fresh in-memory one by default). */
export async function startQueueService(
  options: { store?: Store; clock?: ManualClock; router?: TargetRouter } = {},
): Promise<QueueFixture> {
  const store = options.store ?? openStore({ inMemory: true });
  const clock = options.clock ?? new ManualClock();
  const trace = new TraceHub();
  const records: TraceRecord[] = [];
  trace.subscribe((r) => records.push(r));
  const service = new QueuesService();
  const context: ServiceContext = {
    config: { region: 'us-east-1', accountId: '000000000000', endpoint: 'http://127.0.0.1:4949' },
    store,
    trace,
    clock,
    logger: silentLogger,
    router: options.router ?? { invoke: () => Promise.reject(new Error('no router')) },
    lookup: () => undefined,
  };
  await service.start(context);
  return { service, clock, store, records, context };
}

/** Lets pending promise callbacks run (after a ManualClock advance). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
