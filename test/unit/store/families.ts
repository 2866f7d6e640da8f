// Every table family the store holds, for the migration tests (a new family belongs here too).
import { busFamily } from '../../../src/store/bus-schema.js';
import { connectionsFamily } from '../../../src/store/connections.js';
import type { TableFamily } from '../../../src/store/database.js';
import { executionsFamily } from '../../../src/store/executions.js';
import { lambdaAsyncFamily } from '../../../src/store/lambda-async.js';
import { mapRunsFamily } from '../../../src/store/map-runs.js';
import { pipesFamily } from '../../../src/store/pipes.js';
import { queuesFamily } from '../../../src/store/queues.js';
import { storageFamily } from '../../../src/store/storage.js';
import { traceLogFamily } from '../../../src/store/trace-log.js';

/** The families, by name. */
export const FAMILIES: readonly TableFamily[] = [
  busFamily,
  connectionsFamily,
  executionsFamily,
  lambdaAsyncFamily,
  mapRunsFamily,
  pipesFamily,
  queuesFamily,
  storageFamily,
  traceLogFamily,
];
