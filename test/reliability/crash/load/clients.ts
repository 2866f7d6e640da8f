// The real AWS SDK clients the load drivers use, pointed at one eddy endpoint. The port survives
// restarts, so one set of clients serves the whole scenario.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The clients of one scenario. */
export interface Clients {
  endpoint: string;
  events: EventBridgeClient;
  sqs: SQSClient;
  sfn: SFNClient;
  destroy(): void;
}

/** Creates the clients. No SDK retries: a request the kill cut is simply not acknowledged. */
export function createClients(endpoint: string): Clients {
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    // A request must never hang the suite, even if eddy stops answering without dying.
    requestHandler: { requestTimeout: 15_000, connectionTimeout: 2_000 },
  };
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  const sfn = new SFNClient(config);
  return {
    endpoint,
    events,
    sqs,
    sfn,
    destroy() {
      events.destroy();
      sqs.destroy();
      sfn.destroy();
    },
  };
}

/** A queue's URL on this endpoint (eddy's account is 000000000000). */
export function queueUrl(clients: Clients, name: string): string {
  return `${clients.endpoint}/000000000000/${name}`;
}
