// Step Functions Local's MockConfigFile (EDDY_SFN_MOCK_CONFIG): a test case picked with
// `<stateMachineArn>#<TestCase>` answers its states from MockedResponses (Return / Throw per attempt);
// and http:invoke against a real local server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, settled, startWorkflows, type WorkflowsHarness } from './harness.js';

const MOCKS = {
  StateMachines: {
    orders: {
      TestCases: {
        HappyPath: { Charge: 'ChargeOk', Save: 'SaveOk' },
        RetryPath: { Charge: 'ChargeFlaky', Save: 'SaveOk' },
      },
    },
  },
  MockedResponses: {
    ChargeOk: { '0': { Return: { StatusCode: 200, Payload: { charged: 10 } } } },
    ChargeFlaky: {
      '0-1': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'slow down' } },
      '2': { Return: { StatusCode: 200, Payload: { charged: 20 } } },
    },
    SaveOk: { '0': { Return: { SdkHttpMetadata: { HttpStatusCode: 200 } } } },
  },
};

describe('mocked integrations and http:invoke', () => {
  let h: WorkflowsHarness;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-sfn-mocks-'));
    writeFileSync(join(dir, 'mocks.json'), JSON.stringify(MOCKS));
    process.env.EDDY_SFN_MOCK_CONFIG = join(dir, 'mocks.json');
    h = await startWorkflows();
    delete process.env.EDDY_SFN_MOCK_CONFIG;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const status = req.url?.includes('missing') ? 404 : 200;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, body: body ? JSON.parse(body) : null }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await h?.stop();
  });

  it('answers tasks from the test case, attempt by attempt', async () => {
    const { stateMachineArn } = await h.sfn.send(
      new CreateStateMachineCommand({
        name: 'orders',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Charge',
          States: {
            Charge: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'not-deployed', Payload: {} },
              Retry: [
                {
                  ErrorEquals: ['Lambda.TooManyRequestsException'],
                  IntervalSeconds: 1,
                  BackoffRate: 1,
                  MaxAttempts: 3,
                },
              ],
              ResultSelector: { 'charged.$': '$.Payload.charged' },
              ResultPath: '$.charge',
              Next: 'Save',
            },
            Save: {
              Type: 'Task',
              Resource: 'arn:aws:states:::dynamodb:putItem',
              Parameters: { TableName: 'orders', Item: {} },
              ResultPath: null,
              End: true,
            },
          },
        }),
      }),
    );
    const happy = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#HappyPath` }),
    );
    const done = await settled(h.sfn, happy.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ charge: { charged: 10 } });
    const retry = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#RetryPath` }),
    );
    const retried = await settled(h.sfn, retry.executionArn!);
    expect(JSON.parse(retried.output!)).toEqual({ charge: { charged: 20 } });
    // Without a test case the integration is not emulated.
    const plain = await h.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    expect((await settled(h.sfn, plain.executionArn!)).status).toBe('FAILED');
  }, 60_000);

  it('calls HTTP endpoints with http:invoke', async () => {
    const { stateMachineArn } = await h.sfn.send(
      new CreateStateMachineCommand({
        name: 'http',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:states:::http:invoke',
              Parameters: {
                'ApiEndpoint.$': '$.url',
                Method: 'POST',
                QueryParameters: { q: '1' },
                RequestBody: { a: 1 },
              },
              ResultSelector: { 'status.$': '$.StatusCode', 'body.$': '$.ResponseBody' },
              Catch: [
                { ErrorEquals: ['States.Http.StatusCode.404'], ResultPath: '$.error', Next: 'Missing' },
              ],
              End: true,
            },
            Missing: { Type: 'Pass', End: true },
          },
        }),
      }),
    );
    const ok = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ url: `${url}/orders` }) }),
    );
    expect(JSON.parse((await settled(h.sfn, ok.executionArn!)).output!)).toEqual({
      status: 200,
      body: { method: 'POST', url: '/orders?q=1', body: { a: 1 } },
    });
    const missing = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ url: `${url}/missing` }) }),
    );
    const out = JSON.parse((await settled(h.sfn, missing.executionArn!)).output!);
    expect(out.error.Error).toBe('States.Http.StatusCode.404');
  });
});
