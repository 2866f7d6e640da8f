// ListMapRuns, DescribeMapRun and UpdateMapRun over the workflows service's map runs
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html): counts are
// live while the run goes on; UpdateMapRun changes a running map run's concurrency and tolerance.
import { AwsError } from '../../shared/aws-error.js';
import { checkArn } from '../../services/workflows/service/arns.js';
import type { WorkflowsService } from '../../services/workflows/service/service.js';
import type { JsonOperation } from '../protocol.js';
import { page, required, seconds } from './shapes.js';

function constraint(value: unknown, member: string, rule: string): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

/** An optional number member within [min, max] (integers unless `float`). */
function numberMember(
  input: Record<string, unknown>,
  member: string,
  max: number,
  float = false,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || (!float && !Number.isInteger(value)))
    throw constraint(value, member, 'Member must be a number');
  if (value < 0) throw constraint(value, member, 'Member must have value greater than or equal to 0');
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
  return value;
}

/** The map run operations over `service`. */
export function mapRunOperations(service: WorkflowsService): Record<string, JsonOperation> {
  return {
    ListMapRuns(input) {
      const executionArn = checkArn(required(input, 'executionArn'), ['execution']);
      service.executions.describe(executionArn);
      const { items, nextToken } = page(service.mapRuns.list(executionArn), input);
      return {
        mapRuns: items.map((r) => ({
          executionArn,
          mapRunArn: r.arn,
          stateMachineArn: r.childMachineArn,
          startDate: seconds(r.startDate),
          ...(r.stopDate !== undefined ? { stopDate: seconds(r.stopDate) } : {}),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DescribeMapRun(input) {
      const mapRunArn = checkArn(required(input, 'mapRunArn'), ['mapRun']);
      const { row, progress } = service.mapRuns.describe(mapRunArn);
      return {
        mapRunArn,
        executionArn: row.executionArn,
        status: row.status,
        startDate: seconds(row.startDate),
        ...(row.stopDate !== undefined ? { stopDate: seconds(row.stopDate) } : {}),
        maxConcurrency: row.maxConcurrency,
        toleratedFailurePercentage: row.toleratedFailurePercentage ?? 0,
        toleratedFailureCount: row.toleratedFailureCount ?? 0,
        itemCounts: progress.itemCounts,
        executionCounts: progress.executionCounts,
        redriveCount: 0,
      };
    },
    UpdateMapRun(input) {
      const mapRunArn = checkArn(required(input, 'mapRunArn'), ['mapRun']);
      const maxConcurrency = numberMember(input, 'maxConcurrency', 2 ** 31 - 1);
      const toleratedFailureCount = numberMember(input, 'toleratedFailureCount', Number.MAX_SAFE_INTEGER);
      const toleratedFailurePercentage = numberMember(input, 'toleratedFailurePercentage', 100, true);
      if (
        maxConcurrency === undefined &&
        toleratedFailureCount === undefined &&
        toleratedFailurePercentage === undefined
      ) {
        throw new AwsError(
          'ValidationException',
          'At least one of the parameters maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified',
        );
      }
      service.mapRuns.update(mapRunArn, {
        ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
        ...(toleratedFailureCount !== undefined ? { toleratedFailureCount } : {}),
        ...(toleratedFailurePercentage !== undefined ? { toleratedFailurePercentage } : {}),
      });
      return {};
    },
  };
}
