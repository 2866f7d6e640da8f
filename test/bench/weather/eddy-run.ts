// Runs one execution of a state machine on a running eddy and waits for it (DescribeExecution polling,
// as the CLI does), resolving with its parsed output. The SDK client runs in the benchmark's process,
// which is eddy's main process too, so its CPU counts as eddy's: the poll interval grows from 20 ms to
// 250 ms (a long run is polled 4 times a second, not 50; its end is seen at most 0.25 s late).
import { DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** Starts `stateMachineArn` with `input` and resolves with its output once it succeeded. */
export async function runExecution(sfn: SFNClient, stateMachineArn: string, input: object): Promise<unknown> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  for (let wait = 20; ; wait = Math.min(250, wait * 1.5)) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status === 'SUCCEEDED') return JSON.parse(d.output ?? 'null') as unknown;
    if (d.status !== 'RUNNING') throw new Error(`execution ${d.status}: ${d.error}: ${d.cause}`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
