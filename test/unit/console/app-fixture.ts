// A small App model for the console's unit tests: a bus with two rules, a queue with a DLQ, a function
// fed by the queue, a pipe and a state machine calling the function.
import type { App } from '../../../src/console/types.js';

const arn = (service: string, rest: string) => `arn:aws:${service}:us-east-1:000000000000:${rest}`;

/** Builds the fixture app (a fresh copy each call). */
export function fixtureApp(): App {
  const fnArn = arn('lambda', 'function:pay');
  return {
    templateFile: '/t/template.yaml',
    stackName: 's',
    region: 'us-east-1',
    accountId: '000000000000',
    buses: [{ logicalId: 'Bus', name: 'orders', arn: arn('events', 'event-bus/orders') }],
    rules: [
      {
        logicalId: 'ToQueue',
        name: 'to-queue',
        arn: arn('events', 'rule/orders/to-queue'),
        busName: 'orders',
        state: 'ENABLED',
        targets: [{ id: 'q', arn: arn('sqs', 'work'), deadLetterArn: arn('sqs', 'work-dlq') }],
      },
      {
        logicalId: 'ToFlow',
        name: 'to-flow',
        arn: arn('events', 'rule/orders/to-flow'),
        busName: 'orders',
        state: 'ENABLED',
        targets: [{ id: 'f', arn: arn('states', 'stateMachine:flow') }],
      },
    ],
    archives: [],
    schedules: [],
    queues: [
      {
        logicalId: 'Work',
        name: 'work',
        arn: arn('sqs', 'work'),
        url: 'http://127.0.0.1:4949/000000000000/work',
        fifo: false,
        attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('sqs', 'work-dlq'), maxReceiveCount: 3 }),
        },
      },
      {
        logicalId: 'WorkDlq',
        name: 'work-dlq',
        arn: arn('sqs', 'work-dlq'),
        url: 'http://x/work-dlq',
        fifo: false,
        attributes: {},
      },
    ],
    functions: [{ logicalId: 'Pay', name: 'pay', arn: fnArn, handler: 'pay.handler', runtime: 'nodejs20.x' }],
    stateMachines: [
      {
        logicalId: 'Flow',
        name: 'flow',
        arn: arn('states', 'stateMachine:flow'),
        type: 'STANDARD',
        definition: JSON.stringify({
          StartAt: 'Charge',
          States: {
            Charge: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'pay', 'Payload.$': '$' },
              Next: 'Notify',
            },
            Notify: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl: 'http://127.0.0.1:4949/000000000000/work', 'MessageBody.$': '$' },
              End: true,
            },
          },
        }),
      },
    ],
    eventSourceMappings: [
      {
        logicalId: 'PayWork',
        name: 'm',
        arn: arn('lambda', 'event-source-mapping:u-1'),
        uuid: 'u-1',
        eventSourceArn: arn('sqs', 'work'),
        functionArn: `${fnArn}:live`,
        enabled: true,
      },
    ],
    pipes: [],
    buckets: [],
    unsupported: [],
    warnings: [],
  };
}
