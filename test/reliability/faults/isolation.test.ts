// Cheap proofs of isolation: the state folder is owner-only, a handler sees only the template's
// environment plus eddy's AWS variables, JSONata cannot reach the process, and S3 keys cannot leave
// their bucket's folder.
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { tempDir } from '../../helpers/temp.js';
import { sendRaw } from '../fuzz/http.js';
import { stormProject } from './storm-project.js';

const S3_AUTH =
  'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';

let eddy: RunningEddy;
let stateDir: string;
let bucketDir: string;

beforeAll(async () => {
  // Set in eddy's own environment before any handler starts: no handler may see it.
  process.env.SECRET_X = 'must-not-leak';
  const template = stormProject();
  stateDir = join(dirname(template), 'nested', '.eddy');
  bucketDir = mkdtempSync(join(tempDir('eddy-bucket-parent-'), 'bucket-'));
  eddy = await startEddy({ template, state: stateDir, buckets: { 'mapped-bucket': bucketDir } });
});

afterAll(async () => {
  delete process.env.SECRET_X;
  await eddy?.stop();
});

test('the state folder is created owner-only (0700)', () => {
  expect(statSync(stateDir).mode & 0o777).toBe(0o700);
});

test("a handler gets the template's environment and eddy's AWS variables, not eddy's own", async () => {
  const res = await fetch(`${eddy.endpoint}/2015-03-31/functions/secret/invocations`, {
    method: 'POST',
    body: '{}',
  });
  const { env } = (await res.json()) as { env: Record<string, string> };
  expect(env.FROM_TEMPLATE).toBe('given');
  expect(env.AWS_ENDPOINT_URL).toBe(eddy.endpoint);
  expect(env.AWS_ACCESS_KEY_ID).toBeDefined();
  expect(env.SECRET_X).toBeUndefined();
  expect(Object.values(env)).not.toContain('must-not-leak');
});

async function testState(expression: string) {
  const res = await fetch(eddy.endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': 'AWSStepFunctions.TestState', 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({
      definition: JSON.stringify({
        Type: 'Pass',
        QueryLanguage: 'JSONata',
        Output: `{% ${expression} %}`,
        End: true,
      }),
      input: '{"a":1}',
      roleArn: 'arn:aws:iam::000000000000:role/r',
    }),
  });
  return (await res.json()) as Record<string, unknown>;
}

test('JSONata cannot reach the process: no $eval, no constructor escape', async () => {
  const evalResult = await testState('$eval("1+1")');
  expect(evalResult.status).toBe('FAILED');
  expect(String(evalResult.cause)).toContain('$eval is not supported');
  for (const escape of [
    '($o := $lookup($, "constructor"); $F := $lookup($o, "constructor"); $F("return process.pid")())',
    '($F := $lookup($lookup($states, "constructor"), "constructor"); $F("return process.env")())',
    '$string($lookup($, "constructor"))',
    '$lookup($lookup($, "__proto__"), "constructor")',
  ]) {
    const result = await testState(escape);
    const text = JSON.stringify(result);
    expect(text).not.toContain(String(process.pid));
    expect(text).not.toContain('must-not-leak');
    expect(text).not.toContain('[native code]');
  }
});

test('S3 keys with ../ (plain, encoded, or as an encoded single segment) never leave the bucket folder', async () => {
  const parent = dirname(bucketDir);
  const before = readdirSync(parent).sort();
  const keys = [
    '../escaped-1',
    '..%2Fescaped-2',
    '%2e%2e/escaped-3',
    '%2E%2E%2Fescaped-4',
    'a/../../escaped-5',
    'a/%2e%2e%2f%2e%2e%2fescaped-6',
    '..\\escaped-7',
  ];
  for (const key of keys) {
    // Sent raw: fetch would resolve the dot segments before they reach eddy.
    const res = await sendRaw(
      eddy.endpoint,
      {
        method: 'PUT',
        path: `/mapped-bucket/${key}`,
        headers: { authorization: S3_AUTH },
        body: Buffer.from('x'),
      },
      10_000,
    );
    expect(res.kind === 'response' && res.status < 500, `${key}: ${JSON.stringify(res).slice(0, 300)}`).toBe(
      true,
    );
  }
  expect(readdirSync(parent).sort()).toEqual(before);
  for (const n of [1, 2, 3, 4, 5, 6, 7]) {
    expect(existsSync(join(parent, `escaped-${n}`))).toBe(false);
    expect(existsSync(join(tmpdir(), `escaped-${n}`))).toBe(false);
  }
});
