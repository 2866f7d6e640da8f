// AWS's "Step Functions Execution Status Change" events on the default bus
// (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html); the trace records
// of history events are history-trace.ts's.
import type { Clock } from '../../../shared/clock.js';
import type { ExecutionRow } from '../../../store/executions.js';
import type { Logger } from '../../../shared/logger.js';
import type { TargetRouter } from '../../core/service.js';
import type { Scope } from './arns.js';
import { busEnvelope } from './integrations.js';

/** Puts the status-change event of `row` on the default bus (when the bus service runs). */
export function putStatusChange(
  deps: { router: TargetRouter; scope: Scope; clock: Clock; logger: Logger },
  row: ExecutionRow,
): void {
  const detail = {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    name: row.name,
    status: row.status,
    startDate: row.startDate,
    stopDate: row.stopDate ?? null,
    input: row.input,
    output: row.output ?? null,
    inputDetails: { included: true },
    outputDetails: row.output === undefined ? null : { included: true },
    error: row.error ?? null,
    cause: row.cause ?? null,
  };
  const envelope = busEnvelope(
    deps.scope,
    {
      source: 'aws.states',
      detailType: 'Step Functions Execution Status Change',
      detail,
      resources: [row.arn],
    },
    deps.clock.now(),
  );
  const bus = `arn:aws:events:${deps.scope.region}:${deps.scope.accountId}:event-bus/default`;
  deps.router.invoke(bus, envelope, { traceId: row.traceId }).catch((error: unknown) => {
    // No bus service (or no default bus): nobody can listen, so there is nothing to report.
    deps.logger.debug?.(`status change event not delivered: ${String(error)}`);
  });
}
