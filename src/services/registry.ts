// Every emulated service, in one literal list (Miniflare's PLUGINS idea): no scanning, no magic.
// Order matters: services are started in this order and disposed in reverse.
import { BusService } from './bus/service.js';
import { FunctionsService } from './functions/index.js';
import type { Service } from './core/service.js';
import { PipesService } from './pipes/service.js';
import { QueuesService } from './queues/service.js';
import { StorageService } from './storage/service.js';
import { WorkflowsService } from './workflows/service/service.js';

/** What the services are created with. */
export interface ServiceOptions {
  /** Watch handler sources and rebuild on save (`eddy dev --no-watch` turns it off). */
  watch: boolean;
}

/** Creates a fresh instance of every emulated service. */
export function createServices(options: ServiceOptions = { watch: true }): Service[] {
  return [
    new FunctionsService({ watch: options.watch }),
    new StorageService(),
    new QueuesService(),
    new BusService(),
    new PipesService(),
    new WorkflowsService(),
  ];
}
