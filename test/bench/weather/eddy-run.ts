// Runs one execution of a state machine on a running eddy and waits for it (DescribeExecution polling,
// as the CLI does), resolving with its parsed output.
import { DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** Starts `stateMachineArn` with `input` and resolves with its output once it succeeded. */
export async function runExecution(sfn: SFNClient, stateMachineArn: string, input: object): Promise<unknown> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status === 'SUCCEEDED') return JSON.parse(d.output ?? 'null') as unknown;
    if (d.status !== 'RUNNING') throw new Error(`execution ${d.status}: ${d.error}: ${d.cause}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
