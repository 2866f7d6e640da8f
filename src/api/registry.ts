// The API adapters, one per AWS service: each turns a wire protocol into calls on its running service.
import type { Service } from '../services/core/service.js';
import { eventsApiAdapter } from './events/adapter.js';
import { lambdaAdapter } from './lambda/index.js';
import { pipesAdapter } from './pipes/index.js';
import type { ApiAdapter } from './protocol.js';
import { s3Adapter } from './s3/index.js';
import { sfnAdapter } from './sfn/index.js';
import { sqsAdapter, sqsQueryAdapter } from './sqs/index.js';

/** Builds the adapters for the running services. S3's path-style routes match any path: keep it last. */
export function createApiAdapters(services: readonly Service[]): ApiAdapter[] {
  return [
    sqsAdapter(services),
    eventsApiAdapter(services),
    pipesAdapter(services),
    sqsQueryAdapter(services),
    sfnAdapter(services),
    lambdaAdapter(services),
    s3Adapter(services),
  ];
}
