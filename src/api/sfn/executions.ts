// Execution operations: Start/StartSync/Stop/Describe/List executions, GetExecutionHistory and the
// task-token callbacks (https://docs.aws.amazon.com/step-functions/latest/apireference/).
import { AwsError } from '../../shared/aws-error.js';
import { UnknownTaskTokenError } from '../../services/workflows/index.js';
import { checkArn } from '../../services/workflows/service/arns.js';
import { typeNotSupported } from '../../services/workflows/service/errors.js';
import type { WorkflowsService } from '../../services/workflows/service/service.js';
import { traceIdOfHeader } from '../../trace/xray-header.js';
import type { JsonOperation } from '../protocol.js';
import { describeExecutionShape, executionListItem, page, required, seconds } from './shapes.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

function tokenCall(fn: () => void): Record<string, never> {
  try {
    fn();
    return {};
  } catch (error) {
    if (error instanceof UnknownTaskTokenError) throw new AwsError(error.code, error.message);
    throw error;
  }
}

function jsonText(value: unknown, member: string): string {
  if (value === undefined) return '{}';
  const text = String(value);
  try {
    JSON.parse(text);
  } catch {
    const code = member === 'output' ? 'InvalidOutput' : 'InvalidExecutionInput';
    const what = member === 'output' ? 'Invalid Output' : 'Invalid State Machine Execution Input';
    throw new AwsError(code, `${what}: 'Unexpected token in ${member}: ${text.slice(0, 50)}'`);
  }
  return text;
}

/** The execution operations over `service`. */
export function executionOperations(service: WorkflowsService): Record<string, JsonOperation> {
  const executions = () => service.executions;
  return {
    StartExecution(input, request) {
      const live = executions().start({
        stateMachineArn: required(input, 'stateMachineArn'),
        name: input.name as string | undefined,
        input: jsonText(input.input, 'input'),
        // A handler's call (the SDK forwards its X-Amzn-Trace-Id) keeps the execution on its trace.
        traceId: traceIdOfHeader(request.headers['x-amzn-trace-id']),
      });
      return { executionArn: live.row.arn, startDate: seconds(live.row.startDate) };
    },
    async StartSyncExecution(input, request) {
      const arn = required(input, 'stateMachineArn');
      const machine = service.machines.get(checkArn(arn.split('#')[0], ['stateMachine']));
      if (machine.type !== 'EXPRESS')
        throw typeNotSupported('This operation is not supported by this type of state machine');
      const live = executions().start({
        stateMachineArn: arn,
        name: input.name as string | undefined,
        input: jsonText(input.input, 'input'),
        traceId: traceIdOfHeader(request.headers['x-amzn-trace-id']),
      });
      const end = await live.done;
      const shape = describeExecutionShape(end);
      delete shape.redriveCount;
      delete shape.redriveStatus;
      const duration = (end.stopDate ?? end.startDate) - end.startDate;
      // Billing rounds up to the next 100 ms and assumes the smallest memory tier (64 MB).
      return {
        ...shape,
        billingDetails: {
          billedMemoryUsedInMB: 64,
          billedDurationInMilliseconds: Math.max(100, Math.ceil(duration / 100) * 100),
        },
      };
    },
    async StopExecution(input) {
      const arn = checkArn(required(input, 'executionArn'), ['execution', 'express']);
      const end = await executions().stop(
        arn,
        input.error as string | undefined,
        input.cause as string | undefined,
      );
      return { stopDate: seconds(end.stopDate ?? Date.now()) };
    },
    DescribeExecution(input) {
      return describeExecutionShape(executions().describe(required(input, 'executionArn')));
    },
    ListExecutions(input) {
      const filter = input.statusFilter as string | undefined;
      if (filter !== undefined && !STATUSES.includes(filter)) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${filter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
        );
      }
      // Either a state machine's executions or a map run's children, never both.
      const byMapRun = input.mapRunArn !== undefined && input.mapRunArn !== null;
      if (byMapRun === (input.stateMachineArn !== undefined && input.stateMachineArn !== null)) {
        throw new AwsError(
          'ValidationException',
          'Must specify either a stateMachineArn or a mapRunArn, but not both.',
        );
      }
      let rows;
      if (byMapRun) {
        const mapRunArn = checkArn(required(input, 'mapRunArn'), ['mapRun']);
        service.mapRuns.describe(mapRunArn);
        rows = executions().listMapRun(mapRunArn);
      } else {
        const arn = checkArn(required(input, 'stateMachineArn'), ['stateMachine']);
        service.machines.get(arn);
        rows = executions().list(arn);
      }
      const { items, nextToken } = page(
        rows.filter((r) => !filter || r.status === filter),
        input,
      );
      // mapRunArn and itemCount are returned only when listing by mapRunArn.
      const item = (r: (typeof items)[number]) => ({
        ...executionListItem(r),
        ...(byMapRun ? { mapRunArn: r.mapRunArn, itemCount: r.itemCount ?? 1 } : {}),
      });
      return { executions: items.map(item), ...(nextToken ? { nextToken } : {}) };
    },
    GetExecutionHistory(input) {
      const events = executions().history(required(input, 'executionArn'));
      const ordered = input.reverseOrder === true ? [...events].reverse() : events;
      const { items, nextToken } = page(ordered, input);
      const withData = input.includeExecutionData !== false;
      return {
        events: items.map((e) => {
          const out: Record<string, unknown> = { ...e, timestamp: seconds(e.timestamp) };
          if (!withData) stripData(out);
          return out;
        }),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    SendTaskSuccess(input) {
      const output = jsonText(required(input, 'output'), 'output');
      return tokenCall(() =>
        executions().tokens.sendTaskSuccess(required(input, 'taskToken'), JSON.parse(output)),
      );
    },
    SendTaskFailure(input) {
      return tokenCall(() =>
        executions().tokens.sendTaskFailure(
          required(input, 'taskToken'),
          input.error as string | undefined,
          input.cause as string | undefined,
        ),
      );
    },
    SendTaskHeartbeat(input) {
      return tokenCall(() => executions().tokens.sendTaskHeartbeat(required(input, 'taskToken')));
    },
  };
}

/** includeExecutionData: false leaves inputs, outputs and causes out of every event's details. */
function stripData(event: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
    const details = { ...(value as Record<string, unknown>) };
    for (const field of ['input', 'output', 'cause', 'parameters']) delete details[field];
    event[key] = details;
  }
}
