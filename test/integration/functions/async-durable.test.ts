// An Event invocation Lambda answered 202 for is not lost when eddy stops before it ran: it runs after
// eddy starts again on the same state folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { expect, test } from 'vitest';
import { startEddy } from '../../../src/testing/index.js';
import { REPO, tempDir } from '../../helpers/temp.js';

const template = join(REPO, 'test/fixtures/lambda-async/template.yaml');

test('an accepted Event invocation survives a stop and runs after restart', async () => {
  const state = join(tempDir('eddy-async-'), '.eddy');
  const file = join(tempDir('eddy-async-out-'), 'ran.txt');
  const first = await startEddy({ template, state });
  const lambda = new LambdaClient({
    endpoint: first.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const name = first.app.functions[0].name;
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      InvocationType: 'Event',
      Payload: JSON.stringify({ file, waitMs: 3000 }),
    }),
  );
  lambda.destroy();
  expect(out.StatusCode).toBe(202);
  await first.waitFor(
    (r) => r.kind === 'log' && String(r.payload.message ?? JSON.stringify(r.payload)).includes('START'),
  );
  await first.stop();
  expect(existsSync(file)).toBe(false);

  const second = await startEddy({ template, state });
  try {
    await expect
      .poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : ''), { timeout: 30_000 })
      .toBe('ran\n');
  } finally {
    await second.stop();
  }
}, 90_000);
