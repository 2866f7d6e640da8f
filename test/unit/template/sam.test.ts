import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, type AppModel } from '../../../src/template/index.js';
import { loadYaml, rejection } from './helpers.js';

const SHOP = join(import.meta.dirname, '../../fixtures/templates/shop/template.yaml');
const lines = readFileSync(SHOP, 'utf8').split('\n');
/** 1-based line of the first line equal to `text` (after `after`). */
const lineOf = (text: string, after = 0) => lines.findIndex((l, i) => i >= after && l === text) + 1;

let app: AppModel;
beforeAll(async () => {
  app = await loadTemplate(SHOP);
});

const find = <T extends { logicalId: string }>(list: T[], id: string): T => {
  const found = list.find((r) => r.logicalId === id);
  if (!found) throw new Error(`no ${id} in ${list.map((r) => r.logicalId).join(', ')}`);
  return found;
};

describe('SAM functions', () => {
  it('merge Globals: maps merged, lists appended, scalars overridden', () => {
    const payment = find(app.functions, 'PaymentFunction');
    const shipment = find(app.functions, 'ShipmentFunction');
    expect(payment).toMatchObject({
      name: 'shop-payment',
      handler: 'payment.handler',
      runtime: 'nodejs20.x',
      timeoutSeconds: 10,
      memoryMB: 256,
      reservedConcurrency: 2,
      architectures: ['arm64'],
      environment: { STAGE: 'dev', BUS_NAME: 'shop-orders' },
      codeDir: join(import.meta.dirname, '../../fixtures/templates/shop/src'),
    });
    expect(shipment.timeoutSeconds).toBe(30);
    expect(shipment.memoryMB).toBe(128);
    expect(shipment.environment).toEqual({
      STAGE: 'dev',
      BUS_NAME: 'shop-orders',
      QUEUE_URL: find(app.queues, 'OrdersQueue').url,
    });
    expect(shipment.name).toMatch(/^shop-ShipmentFunction-[A-Z0-9]{12}$/);
  });

  it('read esbuild metadata and EventInvokeConfig', () => {
    const payment = find(app.functions, 'PaymentFunction');
    expect(payment.esbuild).toEqual({
      format: 'esm',
      target: 'es2022',
      sourcemap: true,
      entryPoints: ['payment.ts'],
      outExtension: ['.js=.mjs'],
    });
    expect(payment).toMatchObject({
      maximumRetryAttempts: 1,
      maximumEventAgeInSeconds: 600,
      onFailureArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
    });
  });

  it('turn EventBridgeRule events into rules named <Function><Event>', () => {
    const rule = find(app.rules, 'PaymentFunctionOrderPlaced');
    expect(rule).toMatchObject({
      busName: 'shop-orders',
      state: 'ENABLED',
      eventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }),
      position: { line: lineOf('        OrderPlaced:'), column: 9 },
    });
    expect(rule.name).toMatch(/^shop-PaymentFunctionOrderPlaced-[A-Z0-9]{12}$/);
    expect(rule.arn).toBe(`arn:aws:events:us-east-1:000000000000:rule/shop-orders/${rule.name}`);
    const dlq = find(app.queues, 'PaymentFunctionOrderPlacedQueue');
    expect(rule.targets).toEqual([
      expect.objectContaining({
        id: 'PaymentTarget',
        arn: find(app.functions, 'PaymentFunction').arn,
        inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"orderId": <id>}' },
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
        deadLetterArn: dlq.arn,
      }),
    ]);
  });

  it('turn CloudWatchEvent and Schedule events into rules on the default bus', () => {
    const legacy = find(app.rules, 'PaymentFunctionLegacy');
    expect(legacy).toMatchObject({ busName: 'default', eventPattern: '{"source":["aws.ec2"]}' });
    expect(legacy.targets[0]).toMatchObject({
      id: 'PaymentFunctionLegacyLambdaTarget',
      inputPath: '$.detail',
    });
    const nightly = find(app.rules, 'PaymentFunctionNightly');
    expect(nightly).toMatchObject({ scheduleExpression: 'cron(0 2 * * ? *)', state: 'DISABLED' });
    expect(nightly.eventPattern).toBeUndefined();
    expect(nightly.targets[0].input).toBe('{"kind": "nightly"}');
  });

  it('turn ScheduleV2 events into Scheduler schedules', () => {
    const hourly = find(app.schedules, 'PaymentFunctionHourly');
    expect(hourly).toMatchObject({
      name: 'PaymentFunctionHourly',
      groupName: 'default',
      scheduleExpression: 'rate(1 hour)',
      scheduleExpressionTimezone: 'Europe/Paris',
      state: 'ENABLED',
      arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/PaymentFunctionHourly',
    });
    expect(hourly.target).toMatchObject({
      arn: find(app.functions, 'PaymentFunction').arn,
      input: '{"kind": "hourly"}',
    });
    expect(hourly.target.roleArn).toMatch(/^arn:aws:iam::000000000000:role\/shop-PaymentFunctionHourlyRole-/);
  });

  it('turn SQS events into event source mappings', () => {
    const mapping = find(app.eventSourceMappings, 'ShipmentFunctionOrders');
    expect(mapping).toMatchObject({
      eventSourceArn: find(app.queues, 'OrdersQueue').arn,
      functionArn: find(app.functions, 'ShipmentFunction').arn,
      batchSize: 5,
      maximumBatchingWindowInSeconds: 2,
      enabled: true,
      filters: ['{"body": {"kind": ["shipment"]}}'],
      functionResponseTypes: ['ReportBatchItemFailures'],
      maximumConcurrency: 4,
    });
  });
});

describe('SAM state machines', () => {
  it('read DefinitionUri relative to the template and apply DefinitionSubstitutions', () => {
    const machine = find(app.stateMachines, 'OrderWorkflow');
    const definition = JSON.parse(machine.definition) as {
      States: Record<string, { Parameters: Record<string, string> }>;
    };
    expect(definition.States.Charge.Parameters.FunctionName).toBe(find(app.functions, 'PaymentFunction').arn);
    expect(definition.States.Ship.Parameters.QueueUrl).toBe(find(app.queues, 'OrdersQueue').url);
    expect(machine.type).toBe('STANDARD');
    expect(machine.definitionPosition?.file).toMatch(/statemachine\/order\.asl\.yaml$/);
    expect(machine.roleArn).toMatch(/^arn:aws:iam::000000000000:role\/shop-OrderWorkflowRole-/);
    expect(machine.arn).toBe(`arn:aws:states:us-east-1:000000000000:stateMachine:${machine.name}`);
  });

  it('resolve intrinsics inside an inline Definition and honour Name and Type', () => {
    const machine = find(app.stateMachines, 'RefundWorkflow');
    expect(machine).toMatchObject({ name: 'refunds', type: 'EXPRESS' });
    expect(JSON.parse(machine.definition)).toEqual({
      StartAt: 'Refund',
      States: { Refund: { Type: 'Task', Resource: find(app.functions, 'PaymentFunction').arn, End: true } },
    });
    expect(machine.definitionPosition?.line).toBe(lineOf('      Definition:') + 1);
  });

  it('turn events into rules and schedules that start the machine through a role', () => {
    const machine = find(app.stateMachines, 'OrderWorkflow');
    const rule = find(app.rules, 'OrderWorkflowCheckout');
    expect(rule.busName).toBe('shop-orders');
    expect(rule.targets[0]).toMatchObject({
      id: 'OrderWorkflowCheckoutStepFunctionsTarget',
      arn: machine.arn,
    });
    expect(rule.targets[0].roleArn).toMatch(/role\/shop-OrderWorkflowCheckoutRole-/);
    expect(find(app.schedules, 'OrderWorkflowCleanup').target.arn).toBe(machine.arn);
  });

  it('fail with the position of a missing DefinitionUri file', async () => {
    const error = await rejection(
      loadYaml(`Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/missing.asl.json
`),
    );
    expect(error).toMatchObject({
      code: 'TEMPLATE_MISSING_FILE',
      location: expect.stringMatching(/template\.yaml:6:22$/),
    });
    expect(error.fix).toContain("relative to the template's folder");
  });

  it('read a JSON definition file', async () => {
    const app2 = await loadYaml(
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: flow.asl.json
      DefinitionSubstitutions: {Greeting: hello}
`,
      {},
      {
        'flow.asl.json':
          '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "${Greeting} ${Other}", "End": true}}}',
      },
    );
    expect(JSON.parse(app2.stateMachines[0].definition).States.A.Result).toBe('hello ${Other}');
  });
});

describe('the rest of the shop', () => {
  it('models queues with SQS attribute names, FIFO names and tags', () => {
    expect(find(app.queues, 'OrdersQueue')).toMatchObject({
      attributes: {
        VisibilityTimeout: '60',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
          maxReceiveCount: 3,
        }),
      },
      tags: { team: 'shop' },
      fifo: false,
    });
    const invoices = find(app.queues, 'InvoicesQueue');
    expect(invoices.name).toMatch(/^shop-InvoicesQueue-[A-Z0-9]{12}\.fifo$/);
    expect(invoices).toMatchObject({
      fifo: true,
      attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
    });
  });

  it('models buses (default first), archives, pipes and buckets', () => {
    expect(app.buses.map((b) => b.name)).toEqual(['default', 'shop-orders']);
    expect(find(app.archives, 'OrdersArchive')).toMatchObject({
      busName: 'shop-orders',
      sourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/shop-orders',
      retentionDays: 7,
      eventPattern: '{"source":["shop.orders"]}',
    });
    expect(find(app.pipes, 'OrdersPipe')).toMatchObject({
      source: find(app.queues, 'InvoicesQueue').arn,
      target: find(app.stateMachines, 'OrderWorkflow').arn,
      desiredState: 'RUNNING',
      roleArn: 'arn:aws:iam::000000000000:role/pipe-role',
      sourceParameters: { SqsQueueParameters: { BatchSize: 1 } },
    });
    expect(find(app.buckets, 'ReceiptsBucket').name).toMatch(/^shop-receiptsbucket-[a-z0-9]{12}$/);
  });

  it('reports resources it does not emulate as warnings with their position', () => {
    const line = lineOf('  Orders:');
    expect(app.unsupported).toEqual([
      {
        logicalId: 'Orders',
        type: 'AWS::DynamoDB::Table',
        position: expect.objectContaining({ line, column: 3 }),
      },
    ]);
    expect(app.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^not emulated: AWS::DynamoDB::Table Orders, .*template\\.yaml:${line}:3$`),
      ),
    ]);
  });

  it('gives every resource a position and keeps names stable across loads', async () => {
    const again = await loadTemplate(SHOP);
    const all = [...app.rules, ...app.queues, ...app.functions, ...app.stateMachines, ...app.schedules];
    expect(all.every((r) => r.position !== undefined)).toBe(true);
    expect(again.rules.map((r) => r.name)).toEqual(app.rules.map((r) => r.name));
    expect(again.queues.map((q) => q.url)).toEqual(app.queues.map((q) => q.url));
  });

  it('resolves Outputs, skipping those whose Condition is false', () => {
    expect(app.outputs).toEqual({
      OrdersQueueUrl: find(app.queues, 'OrdersQueue').url,
      WorkflowArn: find(app.stateMachines, 'OrderWorkflow').arn,
      TableArn: expect.stringMatching(/^arn:aws:dynamodb:us-east-1:000000000000:table\/shop-Orders-/),
      FirstRegion: 'eu-west-1',
    });
  });
});

describe('SAM details', () => {
  it('defaults Timeout 3, MemorySize 128, CodeUri "." and warns about other event types', async () => {
    const app2 = await loadYaml(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Events:
        Http:
          Type: Api
          Properties: {Path: /, Method: get}
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
`);
    expect(app2.functions[0]).toMatchObject({
      timeoutSeconds: 3,
      memoryMB: 128,
      codeDir: app2.rootDir,
      environment: {},
    });
    expect(app2.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^not emulated: event source Api Fn\.Http, .*template\.yaml:9:9$/),
      expect.stringMatching(/^not emulated: AWS::Serverless::Api Api, .*template\.yaml:12:3$/),
    ]);
  });

  it('lets Ref and GetAtt name the roles SAM generates', async () => {
    const app2 = await loadYaml(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: index.handler, Runtime: nodejs22.x, CodeUri: .}
Outputs:
  Role: {Value: !GetAtt FnRole.Arn}
`);
    expect(app2.outputs.Role).toMatch(/^arn:aws:iam::000000000000:role\/app-FnRole-[A-Z0-9]{12}$/);
    expect(app2.unsupported).toEqual([]);
  });
});
