// The Lambda API served by `eddy dev`, through an unmodified @aws-sdk/client-lambda, and the
// `eddy functions invoke` command against a running eddy.
import { join } from 'node:path';
import {
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { eddy as runEddy } from '../../helpers/cli.js';
import { REPO } from '../../helpers/temp.js';

let eddy: RunningEddy;
let lambda: LambdaClient;
const decode = (bytes?: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

beforeAll(async () => {
  eddy = await startEddy({ template: join(REPO, 'test/fixtures/lambda-api/template.yaml') });
  lambda = new LambdaClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);
afterAll(async () => {
  lambda?.destroy();
  await eddy?.stop();
});

describe('Lambda API', () => {
  const nameOf = (logicalId: string) => eddy.app.functions.find((f) => f.logicalId === logicalId)!.name;

  test('Invoke returns the result, the executed version and the log tail', async () => {
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: nameOf('EchoFunction'),
        Payload: JSON.stringify({ a: 1 }),
        LogType: 'Tail',
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(decode(out.Payload)).toEqual({ echoed: { a: 1 }, functionName: nameOf('EchoFunction') });
    expect(Buffer.from(out.LogResult!, 'base64').toString()).toContain('echo {"a":1}');
  });

  test("a handler's error comes back as FunctionError Unhandled with Lambda's error document", async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: nameOf('FailFunction'), Payload: '{}' }));
    expect(out.FunctionError).toBe('Unhandled');
    expect(decode(out.Payload)).toMatchObject({ errorType: 'PaymentError', errorMessage: 'card declined' });
  });

  test('an Event invocation is accepted with 202', async () => {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: nameOf('EchoFunction'), InvocationType: 'Event', Payload: '{}' }),
    );
    expect(out.StatusCode).toBe(202);
  });

  test('ListFunctions and GetFunction describe the template functions', async () => {
    const list = await lambda.send(new ListFunctionsCommand({}));
    expect(list.Functions?.map((f) => f.FunctionName).sort()).toEqual(
      [nameOf('EchoFunction'), nameOf('FailFunction')].sort(),
    );
    const one = await lambda.send(new GetFunctionCommand({ FunctionName: nameOf('EchoFunction') }));
    expect(one.Configuration?.Handler).toBe('echo.handler');
  });

  test('an unknown function is ResourceNotFoundException', async () => {
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'nope', Payload: '{}' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('eddy functions invoke', () => {
  test('prints the result as JSON with --json, and the logs', async () => {
    const result = await runEddy([
      'functions',
      'invoke',
      'EchoFunction',
      '--event',
      '{"b":2}',
      '--endpoint',
      eddy.endpoint,
      '--json',
    ]);
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout) as { result: unknown; logs: string };
    expect(out.result).toMatchObject({ echoed: { b: 2 } });
    expect(out.logs).toContain('echo {"b":2}');
  });

  test('a failing handler exits 1 and shows the error', async () => {
    const result = await runEddy(['functions', 'invoke', 'FailFunction', '--endpoint', eddy.endpoint]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('card declined');
  });
});
