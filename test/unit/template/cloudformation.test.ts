import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, type AppModel } from '../../../src/template/index.js';
import { loadYaml } from './helpers.js';

const WEATHER = join(import.meta.dirname, '../../fixtures/templates/weather-cfn/template.json');

let app: AppModel;
beforeAll(async () => {
  app = await loadTemplate(WEATHER);
});

describe('plain CloudFormation (JSON)', () => {
  it('models a rule on a custom bus named by ARN, with every kind of target', () => {
    const rule = app.rules.find((r) => r.logicalId === 'StormRule');
    expect(rule).toMatchObject({
      name: 'storms',
      busName: 'readings',
      description: 'Storm warnings',
      eventPattern: '{"detail-type": ["Storm"]}',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/readings/storms',
    });
    expect(rule?.targets).toEqual([
      expect.objectContaining({
        id: 'queue',
        inputPath: '$.detail',
        messageGroupId: 'storms',
        arn: 'arn:aws:sqs:us-east-1:000000000000:readings.fifo',
      }),
      expect.objectContaining({
        id: 'workflow',
        arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:alerts',
        roleArn: 'arn:aws:iam::000000000000:role/events',
        input: '{"level": "high"}',
        deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:readings.fifo',
      }),
      expect.objectContaining({
        id: 'webhook',
        httpParameters: { HeaderParameters: { 'x-source': 'eddy' } },
      }),
    ]);
    const tick = app.rules.find((r) => r.logicalId === 'TickRule');
    expect(tick).toMatchObject({
      state: 'DISABLED',
      scheduleExpression: 'rate(5 minutes)',
      busName: 'default',
    });
    expect(tick?.name).toMatch(/^weather-cfn-TickRule-[A-Z0-9]{12}$/);
  });

  it('models a Lambda function with a local Code path and its invoke config', () => {
    expect(app.functions).toEqual([
      expect.objectContaining({
        logicalId: 'IngestFunction',
        name: 'ingest',
        runtime: 'python3.12',
        handler: 'ingest.handler',
        codeDir: join(import.meta.dirname, '../../fixtures/templates/weather-cfn/handlers'),
        timeoutSeconds: 3,
        memoryMB: 128,
        environment: { ALERT_EMAIL: 'ops@example.com' },
        maximumRetryAttempts: 0,
      }),
    ]);
  });

  it('models the event source mapping, schedule and queue', () => {
    expect(app.eventSourceMappings[0]).toMatchObject({
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ingest',
      batchSize: 1,
      enabled: false,
    });
    expect(app.schedules[0]).toMatchObject({
      groupName: 'weather',
      state: 'DISABLED',
      scheduleExpressionTimezone: 'Europe/Oslo',
      target: { messageGroupId: 'morning', retryPolicy: { maximumRetryAttempts: 2 }, input: '{}' },
    });
    expect(app.queues[0]).toMatchObject({
      name: 'readings.fifo',
      fifo: true,
      attributes: { FifoQueue: 'true', DelaySeconds: '5', ReceiveMessageWaitTimeSeconds: '20' },
      tags: { app: 'weather' },
    });
  });

  it('applies DefinitionSubstitutions to a DefinitionString built with intrinsics', () => {
    const machine = app.stateMachines.find((m) => m.logicalId === 'AlertWorkflow');
    expect(JSON.parse(machine?.definition ?? '{}').States.Notify.Result).toBe('ops@example.com');
    expect(machine?.definitionPosition?.line).toBe(102);
  });

  it('warns, without failing, about ZipFile code, S3 definitions and other types', () => {
    expect(app.unsupported.map((u) => `${u.type} ${u.logicalId}`)).toEqual([
      'AWS::Lambda::Function InlineFunction',
      'AWS::StepFunctions::StateMachine ArchivedWorkflow',
      'AWS::SNS::Topic Topic',
    ]);
    const messages = app.warnings.map((w) => w.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/^not emulated: InlineFunction has inline code .*template\.json:\d+:5$/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^not emulated: ArchivedWorkflow has its definition in S3/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^not emulated: AWS::SNS::Topic Topic, .*template\.json:\d+:5$/),
    );
  });

  it('gives non-emulated types a plausible Ref and a placeholder GetAtt', () => {
    expect(app.outputs).toEqual({
      TopicRef: 'alerts',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:topic/alerts',
      RuleRef: 'readings|storms',
      QueueName: 'readings.fifo',
    });
  });

  it('reads EventPattern as an object or a JSON string, and CDK asset metadata as code', async () => {
    const cdk = await loadYaml(`Resources:
  Handler:
    Type: AWS::Lambda::Function
    Metadata: {'aws:asset:path': asset.abc123}
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: r
      Code: {S3Bucket: b, S3Key: k}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [cdk]}
      Targets: [{Id: t, Arn: !GetAtt Handler.Arn}]
`);
    expect(cdk.functions[0].codeDir).toBe(join(cdk.rootDir, 'asset.abc123'));
    expect(cdk.rules[0].eventPattern).toBe('{"source":["cdk"]}');
  });

  it('keeps a user-declared default bus and never duplicates it', async () => {
    const declared = await loadYaml(
      'Resources:\n  Default:\n    Type: AWS::Events::EventBus\n    Properties: {Name: default}\n',
    );
    expect(declared.buses.map((b) => b.logicalId)).toEqual(['Default']);
  });
});
