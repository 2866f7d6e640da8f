// Workflow load: STANDARD executions of the flow (two Waits and a Task that fails once and is retried)
// and, every fifth acknowledged, of the Distributed Map; then the check that each acknowledged execution
// succeeded with the output it should have and a history without gaps.
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { Ledger } from '../ledger.js';
import { MAP_ITEMS, NAMES } from '../project.js';
import { between } from '../rng.js';
import type { Clients } from './clients.js';
import { repeat, type LoadContext } from './loop.js';

const machineArn = (name: string) => `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`;

/** What the workflow load started and how it ended. */
export class ExecutionWork {
  readonly flows = new Ledger();
  readonly maps = new Ledger();
  /** Executions that ended other than SUCCEEDED, or with a wrong output or history. */
  readonly wrong: string[] = [];
}

/** Starts flow executions (and a map run every fifth) until producing stops. */
export function produceExecutions(ctx: LoadContext, work: ExecutionWork): Promise<void> {
  let n = 0;
  // Counted on acknowledgement, not per attempt: with most attempts refused by a dead port, the fifth
  // attempt would rarely be the one that gets through, and map runs would go untested.
  let acknowledged = 0;
  return repeat(
    () => !ctx.producing(),
    async () => {
      const id = `${ctx.prefix}-x${n++}`;
      const map = acknowledged % 5 === 4;
      const input = map ? { items: Array.from({ length: MAP_ITEMS }, (_, i) => ({ i })) } : { id };
      const { executionArn } = await ctx.clients.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: machineArn(map ? NAMES.mapper : NAMES.flow),
          name: id,
          input: JSON.stringify(input),
        }),
      );
      (map ? work.maps : work.flows).ack(executionArn!);
      acknowledged++;
    },
    between(ctx.rng, 100, 300),
    ctx.restarted,
  );
}

/** Polls the acknowledged executions not yet settled until the scenario ends. */
export function settleExecutions(ctx: LoadContext, work: ExecutionWork): Promise<void> {
  return repeat(
    ctx.finished,
    async () => {
      for (const [ledger, map] of [
        [work.flows, false],
        [work.maps, true],
      ] as const) {
        for (const arn of ledger.missing()) {
          const outcome = await outcomeOf(ctx.clients, arn, map);
          if (outcome === 'RUNNING') continue;
          ledger.deliver(arn);
          ledger.settle(arn);
          if (outcome !== 'OK') work.wrong.push(`${arn}: ${outcome}`);
        }
      }
    },
    250,
    ctx.restarted,
  );
}

async function outcomeOf(clients: Clients, executionArn: string, map: boolean): Promise<string> {
  const run = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
  if (run.status === 'RUNNING') return 'RUNNING';
  if (run.status !== 'SUCCEEDED') return `${run.status} ${run.error ?? ''} ${run.cause ?? ''}`;
  const output = JSON.parse(run.output ?? 'null') as unknown;
  if (map && (!Array.isArray(output) || output.length !== MAP_ITEMS))
    return `map output ${run.output?.slice(0, 200)}`;
  const { events = [] } = await clients.sfn.send(
    new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
  );
  const ids = events.map((e) => e.id);
  if (ids.some((id, i) => id !== i + 1)) return `history ids not 1..n: ${ids.join(',')}`;
  if (events.filter((e) => e.type === 'ExecutionStarted').length !== 1)
    return 'history: not one ExecutionStarted';
  if (events.at(-1)?.type !== 'ExecutionSucceeded') return `history ends with ${events.at(-1)?.type}`;
  return 'OK';
}
