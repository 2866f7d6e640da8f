// What a `states:startExecution.sync` task returns: DescribeExecution in the task's PascalCase shape
// with times in epoch milliseconds (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html).
import type { ExecutionRow } from '../../../store/executions.js';

/** The child execution's description as a `.sync` task result. */
export function syncDescription(row: ExecutionRow): Record<string, unknown> {
  return {
    ExecutionArn: row.arn,
    Input: row.input,
    InputDetails: { Included: true },
    Name: row.name,
    ...(row.output !== undefined ? { Output: row.output, OutputDetails: { Included: true } } : {}),
    StartDate: row.startDate,
    StateMachineArn: row.stateMachineArn,
    Status: row.status,
    ...(row.stopDate !== undefined ? { StopDate: row.stopDate } : {}),
    ...(row.error !== undefined ? { Error: row.error } : {}),
    ...(row.cause !== undefined ? { Cause: row.cause } : {}),
  };
}
