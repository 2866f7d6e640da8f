// `__proto__`, `constructor` and `prototype` keys in requests must stay data: the SQS query decoder
// once wrote `__proto__.x=y` onto Object.prototype (every object in eddy then had `x`).
import { afterEach, expect, test } from 'vitest';
import { raw, useFuzzEddy } from './eddy.js';

const eddy = useFuzzEddy();
const before = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  for (const name of Object.getOwnPropertyNames(Object.prototype)) {
    if (!before.includes(name)) delete (Object.prototype as Record<string, unknown>)[name];
  }
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

test('SQS query members named __proto__ / constructor.prototype do not reach Object.prototype', async () => {
  const body =
    'Action=ListQueues&__proto__.polluted=yes&constructor.prototype.polluted2=yes&Attribute.__proto__.Name=x';
  const res = await raw(eddy().endpoint, 'POST', '/', FORM, body);
  expect(res.status).toBe(200);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('JSON bodies with prototype keys, for every JSON API, leave Object.prototype alone', async () => {
  const payload =
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"Attributes":{"__proto__":{"polluted":1}}}';
  for (const target of [
    'AmazonSQS.CreateQueue',
    'AWSEvents.PutRule',
    'AWSStepFunctions.CreateStateMachine',
  ]) {
    const res = await raw(
      eddy().endpoint,
      'POST',
      '/',
      { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
      payload,
    );
    expect(res.status).toBeLessThan(500);
  }
  const pipe = await raw(
    eddy().endpoint,
    'POST',
    '/v1/pipes/p1',
    { 'content-type': 'application/json' },
    payload,
  );
  expect(pipe.status).toBeLessThan(500);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
});
