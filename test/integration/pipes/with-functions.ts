// Queues, pipes and the real functions service (handlers in worker processes) wired by the real router,
// with the SQS API served over HTTP, for tests of event source mappings and pipes with real handlers.
// (Used until the functions service is in the registry; then startEddy with a template does the same.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createApiAdapters } from '../../../src/api/registry.js';
import { ApiDispatcher, createEddyServer } from '../../../src/api/server.js';
import { systemClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/database.js';
import type { Service, ServiceContext } from '../../../src/services/core/service.js';
import { FunctionsService } from '../../../src/services/functions/service.js';
import { PipesService } from '../../../src/services/pipes/service.js';
import { QueuesService } from '../../../src/services/queues/service.js';
import { ServiceRouter } from '../../../src/services/router.js';
import { emptyApp, type AppModel, type FunctionModel } from '../../../src/template/model.js';
import { TraceHub } from '../../../src/trace/hub.js';
import type { TraceRecord } from '../../../src/trace/record.js';

/** A running set of services with an SQS client. */
export interface FunctionsHarness {
  dir: string;
  sqs: SQSClient;
  endpoint: string;
  records: TraceRecord[];
  apply(patch: Partial<AppModel>): Promise<void>;
  fn(name: string, source: string): FunctionModel;
  stop(): Promise<void>;
}

/** Starts queues, functions and pipes over a temp folder. */
export async function startWithFunctions(): Promise<FunctionsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-esm-'));
  const store = openStore({ inMemory: true });
  const services: Service[] = [
    new QueuesService(),
    new FunctionsService({ watch: false }),
    new PipesService(),
  ];
  const dispatcher = new ApiDispatcher();
  const server = createEddyServer(dispatcher, []);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const trace = new TraceHub();
  const records: TraceRecord[] = [];
  trace.subscribe((r) => records.push(r));
  const context: ServiceContext = {
    config: { region: 'us-east-1', accountId: '000000000000', endpoint },
    store,
    trace,
    clock: systemClock,
    logger: silentLogger,
    router: new ServiceRouter(() => services),
    lookup: <T extends Service>(name: string) => services.find((s) => s.name === name) as T | undefined,
  };
  for (const s of services) await s.start(context);
  dispatcher.use(createApiAdapters(services));
  const sqs = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    dir,
    sqs,
    endpoint,
    records,
    async apply(patch) {
      const app = { ...emptyApp(), ...patch };
      for (const s of services) await s.apply(app);
    },
    fn(name, source) {
      writeFileSync(join(dir, `${name}.mjs`), source);
      return {
        kind: 'function',
        logicalId: name,
        name,
        arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
        handler: `${name}.handler`,
        runtime: 'nodejs20.x',
        codeDir: dir,
        timeoutSeconds: 5,
        memoryMB: 128,
        environment: {},
      };
    },
    async stop() {
      sqs.destroy();
      for (const s of [...services].reverse()) await s.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
