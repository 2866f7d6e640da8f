// The floor of the workflows benchmark's API lines: a bare Node HTTP server that parses a
// StartSyncExecution request and answers a fixed SUCCEEDED document, with no engine behind it. The SDK's
// round trip to it is what any emulator reached through the API pays per execution before running a
// single state, so `aws-local-stepfunctions' time / this time` is the most any of them could score.
import { createServer, type Server } from 'node:http';

const ANSWER = JSON.stringify({
  executionArn: 'arn:aws:states:us-east-1:000000000000:express:floor:run:0',
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:floor',
  name: 'run',
  startDate: 0,
  stopDate: 0,
  status: 'SUCCEEDED',
  input: '{}',
  output: '{}',
});

/** A running bare server: its endpoint and how to stop it. */
export interface FloorServer {
  endpoint: string;
  close(): void;
}

/** Starts the bare StartSyncExecution server on a free port of 127.0.0.1. */
export async function startFloorServer(): Promise<FloorServer> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      JSON.parse(body);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() };
}
