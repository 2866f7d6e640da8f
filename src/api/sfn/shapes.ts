// Shared helpers of the Step Functions API: member checks, epoch-second timestamps (AWS JSON encodes
// timestamps as seconds), page tokens, and the shapes DescribeExecution and friends return.
import { AwsError } from '../../shared/aws-error.js';
import type { ExecutionRow } from '../../services/workflows/service/executions.js';

/** Epoch milliseconds as AWS JSON's epoch seconds. */
export function seconds(ms: number): number {
  return ms / 1000;
}

/** A required string member, or ValidationException as AWS words it. */
export function required(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** One page of `items` from `nextToken` (an offset eddy issued), at most `maxResults` (0: default). */
export function page<T>(
  items: T[],
  input: Record<string, unknown>,
  defaultSize = 100,
): { items: T[]; nextToken?: string } {
  const max = Number(input.maxResults ?? 0) || defaultSize;
  if (max < 0 || max > 1000) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  let start = 0;
  if (input.nextToken !== undefined) {
    start = Number(Buffer.from(String(input.nextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0)
      throw new AwsError('InvalidToken', `Invalid Token: '${String(input.nextToken)}'`);
  }
  const slice = items.slice(start, start + max);
  const next =
    start + max < items.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return { items: slice, ...(next ? { nextToken: next } : {}) };
}

/** DescribeExecution's answer. */
export function describeExecutionShape(row: ExecutionRow): Record<string, unknown> {
  return {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    name: row.name,
    status: row.status,
    startDate: seconds(row.startDate),
    ...(row.stopDate !== undefined ? { stopDate: seconds(row.stopDate) } : {}),
    input: row.input,
    inputDetails: { included: true },
    ...(row.output !== undefined ? { output: row.output, outputDetails: { included: true } } : {}),
    ...(row.error !== undefined ? { error: row.error } : {}),
    ...(row.cause !== undefined ? { cause: row.cause } : {}),
    ...(row.mapRunArn !== undefined ? { mapRunArn: row.mapRunArn } : {}),
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
}

/** ListExecutions' item. */
export function executionListItem(row: ExecutionRow): Record<string, unknown> {
  return {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    name: row.name,
    status: row.status,
    startDate: seconds(row.startDate),
    ...(row.stopDate !== undefined ? { stopDate: seconds(row.stopDate) } : {}),
  };
}
