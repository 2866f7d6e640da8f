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
  return { json: [sqsJsonApi(service)] };
}

/**
 * The query protocol's routes (`POST /` and `POST /{account}/{queue}`). Listed after the REST APIs with
 * more specific two-segment paths (Pipes' `/tags/{arn}`), which would otherwise land here.
 */
export function sqsQueryAdapter(services: readonly Service[]): ApiAdapter {
  const service = services.find((s): s is QueuesService => s instanceof QueuesService);
  return service ? { rest: sqsQueryRoutes(service) } : {};
}
