// Runs the app's template in eddy, in-process, and checks what it declares.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from 'eddy/testing';

let eddy: RunningEddy;

beforeAll(async () => {
  eddy = await startEddy({ template: 'template.yaml' });
});

afterAll(async () => {
  await eddy?.stop();
});

test('the local cloud is up', async () => {
  const response = await fetch(`${eddy.endpoint}/_eddy/health`);
  expect(response.status).toBe(200);
});

test('the rule sends OrderPlaced events to the hello function', () => {
  const rule = eddy.app.rules.find((r) => r.logicalId === 'HelloFunctionOrderPlaced');
  expect(rule?.busName).toMatch(/-bus$/);
  expect(JSON.parse(rule?.eventPattern ?? '{}')).toEqual({
    source: ['app.orders'],
    'detail-type': ['OrderPlaced'],
  });
  const hello = eddy.app.functions.find((f) => f.logicalId === 'HelloFunction');
  expect(rule?.targets.map((t) => t.arn)).toEqual([hello?.arn]);
});
