// The SQS API adapter: the JSON 1.0 protocol (and the older query protocol, see query.ts).
import type { Service } from '../../services/core/service.js';
import { QueuesService } from '../../services/queues/service.js';
import type { ApiAdapter } from '../protocol.js';
import { sqsJsonApi } from './json.js';
import { sqsQueryRoutes } from './query.js';

/** The SQS adapter when the queues service runs; nothing otherwise. */
export function sqsAdapter(services: readonly Service[]): ApiAdapter {
  const service = services.find((s): s is QueuesService => s instanceof QueuesService);
  if (!service) return {};
  return { json: [sqsJsonApi(service)], rest: sqsQueryRoutes(service) };
}
