// Starts eddy for a queue test and gives an SQS client pointed at it.
import { SQSClient } from '@aws-sdk/client-sqs';
import { startEddy, type RunningEddy, type StartEddyOptions } from '../../../src/testing/index.js';

/** Credentials and region every integration client uses. */
export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** A running eddy with an SQS client. */
export interface QueueHarness {
  eddy: RunningEddy;
  sqs: SQSClient;
  stop(): Promise<void>;
}

/** Starts eddy (in memory unless `state` is given) and an SQS client. */
export async function startQueues(options: StartEddyOptions = {}): Promise<QueueHarness> {
  const eddy = await startEddy(options);
  const sqs = new SQSClient(clientConfig(eddy.endpoint));
  return {
    eddy,
    sqs,
    async stop() {
      sqs.destroy();
      await eddy.stop();
    },
  };
}
