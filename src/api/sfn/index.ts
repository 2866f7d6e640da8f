// Step Functions over AWS JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Operation>`), served by the
// workflows service. StartSyncExecution's SDK call carries the `sync-` host prefix: SDK clients reach
// eddy with `disableHostPrefix: true` (otherwise they would call sync-127.0.0.1).
import type { Service } from '../../services/core/service.js';
import { WorkflowsService } from '../../services/workflows/service/service.js';
import type { ApiAdapter } from '../protocol.js';
import { executionOperations } from './executions.js';
import { machineOperations } from './machines.js';
import { mapRunOperations } from './map-runs.js';
import { testStateOperation } from './test-state.js';

/** The Step Functions adapter, or nothing when the workflows service is not running. */
export function sfnAdapter(services: readonly Service[]): ApiAdapter {
  const service = services.find((s): s is WorkflowsService => s instanceof WorkflowsService);
  if (!service) return {};
  const operations = {
    ...machineOperations(service),
    ...executionOperations(service),
    ...mapRunOperations(service),
    TestState: testStateOperation(service),
  };
  return { json: [{ targetPrefix: 'AWSStepFunctions', version: '1.0', operations }] };
}
