// ListMapRuns and DescribeMapRun, read from the parent execution's history (MapRunStarted carries the
// map run's ARN, `<execution ARN with :mapRun:>/<state>:<id>`). The engine reports no per-item counts
// yet, so the counts say how many items the run had and, once it ended, how it ended.
import { AwsError } from '../../shared/aws-error.js';
import type { HistoryEvent } from '../../services/workflows/index.js';
import { checkArn } from '../../services/workflows/service/arns.js';
import type { WorkflowsService } from '../../services/workflows/service/service.js';
import type { JsonOperation } from '../protocol.js';
import { page, required, seconds } from './shapes.js';

interface MapRun {
  mapRunArn: string;
  executionArn: string;
  state: string;
  items: number;
  start: number;
  end?: HistoryEvent;
  aborted: boolean;
}

/** The distributed Map runs of an execution, in start order. */
function mapRuns(service: WorkflowsService, executionArn: string): MapRun[] {
  const events = service.executions.history(executionArn);
  const status = service.executions.describe(executionArn).status;
  const runs: MapRun[] = [];
  const open: MapRun[] = [];
  let items = 0;
  for (const e of events) {
    if (e.type === 'MapStateStarted')
      items = Number((e.mapStateStartedEventDetails as { length?: number })?.length ?? 0);
    if (e.type === 'MapRunStarted') {
      const arn = String((e.mapRunStartedEventDetails as { mapRunArn?: string })?.mapRunArn ?? '');
      const run = {
        mapRunArn: arn,
        executionArn,
        state: arn.split('/').pop()!.split(':')[0],
        items,
        start: e.timestamp,
        aborted: false,
      };
      runs.push(run);
      open.push(run);
    } else if (e.type === 'MapRunSucceeded' || e.type === 'MapRunFailed') {
      const run = open.pop();
      if (run) run.end = e;
    }
  }
  // A run still open in an execution that ended was aborted with it.
  if (status !== 'RUNNING') for (const run of open) run.aborted = true;
  return runs;
}

function counts(run: MapRun, status: string): Record<string, number> {
  const done = (s: string) => (status === s ? run.items : 0);
  const shape = {
    pending: 0,
    running: status === 'RUNNING' ? run.items : 0,
    succeeded: done('SUCCEEDED'),
    failed: done('FAILED'),
    timedOut: 0,
    aborted: done('ABORTED'),
    total: run.items,
    resultsWritten: done('SUCCEEDED'),
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
  return shape;
}

/** The map run operations over `service`. */
export function mapRunOperations(service: WorkflowsService): Record<string, JsonOperation> {
  return {
    ListMapRuns(input) {
      const executionArn = checkArn(required(input, 'executionArn'), ['execution']);
      const machine = service.executions.describe(executionArn).stateMachineArn;
      const { items, nextToken } = page(mapRuns(service, executionArn), input);
      return {
        mapRuns: items.map((r) => ({
          executionArn,
          mapRunArn: r.mapRunArn,
          stateMachineArn: `${machine}/${r.state}`,
          startDate: seconds(r.start),
          ...(r.end ? { stopDate: seconds(r.end.timestamp) } : {}),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DescribeMapRun(input) {
      const mapRunArn = checkArn(required(input, 'mapRunArn'), ['mapRun']);
      // arn:...:mapRun:<machine>:<execution>/<state>:<id> belongs to arn:...:execution:<machine>:<execution>.
      const executionArn = mapRunArn.replace(':mapRun:', ':execution:').replace(/\/[^/]*$/, '');
      let run: MapRun | undefined;
      try {
        run = mapRuns(service, executionArn).find((r) => r.mapRunArn === mapRunArn);
      } catch {
        run = undefined;
      }
      if (!run) throw new AwsError('ResourceNotFound', `Resource not found: '${mapRunArn}'`);
      const status = run.aborted
        ? 'ABORTED'
        : !run.end
          ? 'RUNNING'
          : run.end.type === 'MapRunSucceeded'
            ? 'SUCCEEDED'
            : 'FAILED';
      return {
        mapRunArn,
        executionArn,
        status,
        startDate: seconds(run.start),
        ...(run.end ? { stopDate: seconds(run.end.timestamp) } : {}),
        maxConcurrency: 0,
        toleratedFailurePercentage: 0,
        toleratedFailureCount: 0,
        itemCounts: counts(run, status),
        executionCounts: counts(run, status),
        redriveCount: 0,
      };
    },
  };
}
