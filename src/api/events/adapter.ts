// EventBridge over AWS JSON 1.1 (`X-Amz-Target: AWSEvents.<Operation>`), served by the bus service.
import type { Service } from '../../services/core/service.js';
import { BusService } from '../../services/bus/service.js';
import type { ApiAdapter, JsonOperation } from '../protocol.js';
import { apiDestinationOperations } from './api-destinations.js';
import { archiveOperations } from './archives.js';
import { busOperations } from './buses.js';
import { connectionOperations } from './connections.js';
import { putEvents } from './put-events.js';
import { replayOperations } from './replays.js';
import { ruleOperations } from './rules.js';
import { targetOperations } from './targets.js';

/** The EventBridge adapter, or nothing when the bus service is not running. */
export function eventsApiAdapter(services: readonly Service[]): ApiAdapter {
  const bus = services.find((s): s is BusService => s instanceof BusService);
  if (!bus) return {};
  const operations: Record<string, JsonOperation> = {
    PutEvents: (input, request) => putEvents(bus, input, undefined, request.headers['x-amzn-trace-id']),
    ...ruleOperations(bus),
    ...targetOperations(bus),
    ...busOperations(bus),
    ...archiveOperations(bus),
    ...replayOperations(bus),
    ...connectionOperations(bus),
    ...apiDestinationOperations(bus),
  };
  return { json: [{ targetPrefix: 'AWSEvents', version: '1.1', operations }] };
}
