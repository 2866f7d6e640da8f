// "Nothing in the store changes for a rejected request": a snapshot through the list/describe APIs
// is taken before and after each rejected request, for well-shaped requests AWS rejects (a bad
// pattern, a bad queue attribute, invalid ASL...) and for seeded fuzz cases answered with a 4xx.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { loadCatalogue } from '../fuzz/catalogue.js';
import { fuzzCase } from '../fuzz/requests.js';
import { raw, useFuzzEddy } from './eddy.js';
import { snapshot } from './snapshot.js';

const eddy = useFuzzEddy();
// A fixed seed keeps CI repeatable; EDDY_FUZZ_SEED=random (or a number) explores, as `npm run soak` does.
const SEED =
  process.env.EDDY_FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.EDDY_FUZZ_SEED ?? 1);

const QUEUE = (endpoint: string) => `${endpoint}/000000000000/fuzz-queue`;
const FN_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fuzz-fn';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:fuzz-queue';
const ROLE = 'arn:aws:iam::000000000000:role/r';

/** Well-shaped requests that AWS rejects with a 4xx: [target or REST "METHOD path", input]. */
const REJECTED = (endpoint: string): [string, unknown][] => [
  ['AWSEvents.PutRule', { Name: 'r1', EventPattern: '{"source":[{"prefix":1}]}' }],
  ['AWSEvents.PutRule', { Name: 'r2', EventPattern: '{"detail":{"n":[{"numeric":[">",1,"<"]}]}}' }],
  ['AWSEvents.PutRule', { Name: 'r3', ScheduleExpression: 'rate(0 minutes)' }],
  ['AWSEvents.PutRule', { Name: 'r4', ScheduleExpression: 'cron(* * * * * *)' }],
  ['AWSEvents.PutRule', { Name: 'bad name!', EventPattern: '{"source":["a"]}' }],
  ['AWSEvents.PutRule', { Name: 'r5', EventPattern: '{"source":["a"]}', EventBusName: 'no-such-bus' }],
  [
    'AWSEvents.PutTargets',
    {
      Rule: 'fuzz-rule',
      EventBusName: 'fuzz-bus',
      Targets: [{ Id: 't', Arn: FN_ARN, InputPath: '$$$', Input: '{}' }],
    },
  ],
  ['AWSEvents.PutTargets', { Rule: 'no-such-rule', Targets: [{ Id: 't', Arn: FN_ARN }] }],
  [
    'AWSEvents.PutTargets',
    {
      Rule: 'fuzz-rule',
      EventBusName: 'fuzz-bus',
      Targets: [
        {
          Id: 't',
          Arn: FN_ARN,
          InputTransformer: { InputTemplate: '<missing>', InputPathsMap: { a: 'not-a-path' } },
        },
      ],
    },
  ],
  ['AWSEvents.CreateEventBus', { Name: 'aws.partner/nope' }],
  ['AWSEvents.CreateEventBus', { Name: 'x'.repeat(300) }],
  [
    'AWSEvents.CreateArchive',
    { ArchiveName: 'a1', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/nope' },
  ],
  [
    'AWSEvents.CreateArchive',
    {
      ArchiveName: 'a2',
      EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/fuzz-bus',
      EventPattern: '{"a":1}',
    },
  ],
  ['AWSEvents.DeleteEventBus', { Name: 'default' }],
  ['AWSEvents.PutEvents', { Entries: [null] }],
  ['AWSEvents.PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }, 'x'] }],
  ['AmazonSQS.CreateQueue', { QueueName: 'q1', Attributes: { VisibilityTimeout: '99999' } }],
  ['AmazonSQS.CreateQueue', { QueueName: 'q2', Attributes: { FifoQueue: 'true' } }],
  ['AmazonSQS.CreateQueue', { QueueName: 'q3', Attributes: { NoSuchAttribute: '1' } }],
  ['AmazonSQS.CreateQueue', { QueueName: 'bad name!' }],
  ['AmazonSQS.CreateQueue', { QueueName: 'fuzz-queue', Attributes: { DelaySeconds: '5' } }],
  [
    'AmazonSQS.SetQueueAttributes',
    { QueueUrl: QUEUE(endpoint), Attributes: { MessageRetentionPeriod: '1' } },
  ],
  [
    'AmazonSQS.SetQueueAttributes',
    { QueueUrl: QUEUE(endpoint), Attributes: { RedrivePolicy: '{"deadLetterTargetArn":"nope"}' } },
  ],
  ['AmazonSQS.SendMessage', { QueueUrl: QUEUE(endpoint), MessageBody: 'x'.repeat(1_048_577) }],
  ['AmazonSQS.SendMessage', { QueueUrl: QUEUE(endpoint), MessageBody: 'bad \u0000 char' }],
  ['AmazonSQS.SendMessage', { QueueUrl: QUEUE(endpoint), MessageBody: 'm', DelaySeconds: 901 }],
  [
    'AmazonSQS.SendMessageBatch',
    {
      QueueUrl: QUEUE(endpoint),
      Entries: [
        { Id: 'a', MessageBody: 'm' },
        { Id: 'a', MessageBody: 'm' },
      ],
    },
  ],
  ['AmazonSQS.TagQueue', { QueueUrl: QUEUE(endpoint), Tags: 'not a map' }],
  ['AmazonSQS.DeleteQueue', { QueueUrl: `${endpoint}/000000000000/no-such-queue` }],
  [
    'AWSStepFunctions.CreateStateMachine',
    { name: 'm1', roleArn: ROLE, definition: '{"StartAt":"Nope","States":{}}' },
  ],
  ['AWSStepFunctions.CreateStateMachine', { name: 'm2', roleArn: ROLE, definition: '{not json' }],
  [
    'AWSStepFunctions.CreateStateMachine',
    {
      name: 'bad name?',
      roleArn: ROLE,
      definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
    },
  ],
  [
    'AWSStepFunctions.CreateStateMachine',
    {
      name: 'm3',
      roleArn: ROLE,
      definition:
        '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"x","End":true,"Retry":[{"ErrorEquals":[]}]}}}',
    },
  ],
  [
    'AWSStepFunctions.UpdateStateMachine',
    {
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-machine',
      definition: '{"StartAt":"A"}',
    },
  ],
  [
    'AWSStepFunctions.StartExecution',
    {
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:fuzz-machine',
      input: '{not json',
    },
  ],
  [
    'AWSStepFunctions.StartExecution',
    { stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope', input: '{}' },
  ],
  ['POST /v1/pipes/p1', { Source: 'not-an-arn', Target: QUEUE_ARN, RoleArn: ROLE }],
  [
    'POST /v1/pipes/p2',
    {
      Source: QUEUE_ARN,
      Target: QUEUE_ARN,
      RoleArn: ROLE,
      SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"a":1}' }] } },
    },
  ],
  ['POST /v1/pipes/fuzz-pipe', { Source: QUEUE_ARN, Target: QUEUE_ARN, RoleArn: ROLE }],
  ['PUT /v1/pipes/nope', { RoleArn: ROLE }],
  [
    'PUT /v1/pipes/fuzz-pipe',
    { RoleArn: ROLE, SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"a":1}' }] } } },
  ],
  ['AmazonSQS.TagQueue', { QueueUrl: QUEUE(endpoint), Tags: ['a', 'b'] }],
  ['AmazonSQS.CreateQueue', { QueueName: 'q4', Attributes: { DelaySeconds: { n: 1 } } }],
  ['POST /2015-03-31/functions/nope/invocations', {}],
  ['PUT /Bad_Bucket_Name', ''],
  ['PUT /no-such-bucket/key', 'x'],
  ['DELETE /no-such-bucket', ''],
];

async function send(endpoint: string, target: string, input: unknown) {
  const [method, path] = target.includes(' ') ? target.split(' ') : ['POST', '/'];
  const headers: Record<string, string> = target.includes(' ')
    ? { 'content-type': 'application/json' }
    : {
        'x-amz-target': target,
        'content-type': `application/x-amz-json-${target.startsWith('AWSEvents') ? '1.1' : '1.0'}`,
      };
  return raw(endpoint, method, path, headers, typeof input === 'string' ? input : JSON.stringify(input));
}

/** A snapshot taken twice until two agree, so background settling (pipes starting) is not counted. */
async function settled(endpoint: string): Promise<unknown> {
  let previous = await snapshot(endpoint);
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const next = await snapshot(endpoint);
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  return previous;
}

test('well-shaped requests AWS rejects get a 4xx and change nothing', { timeout: 60_000 }, async () => {
  const { endpoint } = eddy();
  const before = await settled(endpoint);
  for (const [target, input] of REJECTED(endpoint)) {
    const res = await send(endpoint, target, input);
    const what = `${target} ${JSON.stringify(input).slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
    expect.soft(res.status >= 400 && res.status < 500, what).toBe(true);
    expect.soft(await snapshot(endpoint), `${what}: changed the state`).toEqual(before);
  }
});

test(`fuzz cases answered with a 4xx change nothing (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const { endpoint } = eddy();
  const cases = fc.sample(fuzzCase(loadCatalogue()), { seed: SEED, numRuns: 160 });
  let baseline = await settled(endpoint);
  let rejected = 0;
  for (const c of cases) {
    const { method, path, headers, body } = c.request;
    let res;
    try {
      res = await raw(endpoint, method, path, headers, body);
    } catch {
      continue; // the client refused to send it (an invalid header value): nothing reached eddy
    }
    if (res.status < 400) {
      baseline = await settled(endpoint); // an accepted request may change state: new baseline
      continue;
    }
    rejected++;
    const after = await snapshot(endpoint);
    expect(
      after,
      `EDDY_FUZZ_SEED=${SEED}: ${c.api} ${method} ${path.slice(0, 200)} ${body.subarray(0, 200).toString()} → ${res.status} changed the state`,
    ).toEqual(baseline);
  }
  expect(rejected).toBeGreaterThan(80);
});
