// Starts eddy for a workflows test with a Step Functions client pointed at it. StartSyncExecution's
// `sync-` host prefix would send it to sync-127.0.0.1, so the client sets `disableHostPrefix`.
import { join } from 'node:path';
import { execa } from 'execa';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startEddy, type RunningEddy, type StartEddyOptions } from '../../../src/testing/index.js';

/** Credentials and region every integration client uses. */
export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** A running eddy with an SFN client. */
export interface WorkflowsHarness {
  eddy: RunningEddy;
  sfn: SFNClient;
  stop(): Promise<void>;
}

/** A role ARN for CreateStateMachine (eddy does not check IAM). */
export const ROLE = 'arn:aws:iam::000000000000:role/eddy';

/** Starts eddy (in memory unless `state` is given) and an SFN client. */
export async function startWorkflows(options: StartEddyOptions = {}): Promise<WorkflowsHarness> {
  const eddy = await startEddy(options);
  const sfn = new SFNClient({ ...clientConfig(eddy.endpoint), disableHostPrefix: true });
  return {
    eddy,
    sfn,
    async stop() {
      sfn.destroy();
      await eddy.stop();
    },
  };
}

/** Polls DescribeExecution until the execution leaves RUNNING. */
export async function settled(sfn: SFNClient, executionArn: string, timeoutMs = 20_000) {
  const { DescribeExecutionCommand } = await import('@aws-sdk/client-sfn');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (out.status !== 'RUNNING' || Date.now() > until) return out;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** eddy serving `state` in a child process (fixtures/serve.ts), to be killed with SIGKILL. */
export async function serveInChild(state: string) {
  const child = execa('node', ['--import', 'tsx', join(import.meta.dirname, 'fixtures/serve.ts'), state], {
    reject: false,
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', () => reject(new Error('eddy exited early')));
  });
  return { child, endpoint };
}

/** Resolves once the execution's history shows `count` WaitStateEntered events. */
export async function waitEntered(sfn: SFNClient, executionArn: string, count = 1): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    if (events!.filter((e) => e.type === 'WaitStateEntered').length >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the execution never entered its Wait');
}
