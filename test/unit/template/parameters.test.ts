import { describe, expect, it } from 'vitest';
import { loadYaml, outputs, rejection } from './helpers.js';

const PARAMS = `
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Retries:
    Type: Number
    Default: 3
    MinValue: 0
    MaxValue: 5
  Zones:
    Type: CommaDelimitedList
    Default: 'a,b'
  Ports:
    Type: List<Number>
    Default: '80, 443'
  Prefix:
    Type: String
    Default: shop
    AllowedPattern: '[a-z]+'
    MaxLength: 8
Resources:
  Q: {Type: AWS::SQS::Queue}
Outputs:
  Stage: {Value: !Ref Stage}
  Retries: {Value: !Ref Retries}
  Zones: {Value: !Ref Zones}
  Ports: {Value: !Ref Ports}
  Prefix: {Value: !Ref Prefix}
`;

describe('parameters', () => {
  it('use their Default; Number is a string and lists are arrays (as Ref returns them)', async () => {
    expect(await outputs(PARAMS)).toEqual({
      Stage: 'dev',
      Retries: '3',
      Zones: ['a', 'b'],
      Ports: ['80', '443'],
      Prefix: 'shop',
    });
  });

  it('take parameterOverrides', async () => {
    const o = await outputs(PARAMS, {
      parameterOverrides: { Stage: 'prod', Zones: 'x, y ,z', Retries: '5' },
    });
    expect(o).toMatchObject({ Stage: 'prod', Zones: ['x', 'y', 'z'], Retries: '5' });
  });

  it('warn about an override that matches no parameter', async () => {
    const app = await loadYaml(PARAMS, { parameterOverrides: { Stag: 'prod' } });
    expect(app.warnings.map((w) => w.message)).toContain(
      "parameter override 'Stag' matches no Parameter; ignored",
    );
  });

  it.each([
    [{ Stage: 'test' }, /not one of its AllowedValues \(dev, prod\)/],
    [{ Retries: 'many' }, /is not a number/],
    [{ Retries: '9' }, /breaks MaxValue 5/],
    [{ Prefix: 'Shop1' }, /does not match AllowedPattern/],
    [{ Prefix: 'abcdefghij' }, /breaks MaxLength 8/],
    [{ Ports: '80,x' }, /is not a number/],
  ])('reject a bad value %j', async (overrides, message) => {
    const error = await rejection(loadYaml(PARAMS, { parameterOverrides: overrides }));
    expect(error.code).toBe('TEMPLATE_BAD_PARAMETER');
    expect(error.message).toMatch(message);
    expect(error.location).toMatch(/template\.yaml:\d+:3$/);
  });

  it('warn that SSM parameter types use their value as given', async () => {
    const app = await loadYaml(
      "Parameters:\n  Key:\n    Type: 'AWS::SSM::Parameter::Value<String>'\n    Default: /shop/key\nResources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  K: {Value: !Ref Key}\n",
    );
    expect(app.outputs.K).toBe('/shop/key');
    expect(app.warnings[0].message).toMatch(
      /^parameter 'Key' is read from SSM on AWS; .*template\.yaml:2:3$/,
    );
  });

  it('require a value when there is no Default', async () => {
    const error = await rejection(
      loadYaml('Parameters:\n  Secret:\n    Type: String\nResources:\n  Q: {Type: AWS::SQS::Queue}\n'),
    );
    expect(error).toMatchObject({
      code: 'TEMPLATE_BAD_PARAMETER',
      location: expect.stringMatching(/template\.yaml:2:3$/),
    });
    expect(error.fix).toContain('--parameter-overrides Secret=<value>');
  });
});

describe('conditions', () => {
  const TEMPLATE = `
Parameters:
  Stage: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Always: {Type: AWS::SQS::Queue, Properties: {QueueName: always}}
  ProdOnly:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties: {QueueName: prod-only}
  Watcher:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: watcher
      DelaySeconds: !If [IsProd, 10, !Ref AWS::NoValue]
      RedrivePolicy: !If
        - IsProd
        - {deadLetterTargetArn: !GetAtt ProdOnly.Arn, maxReceiveCount: 2}
        - !Ref AWS::NoValue
Outputs:
  Prod:
    Condition: IsProd
    Value: !Ref ProdOnly
`;

  it('omit resources whose Condition is false and drop AWS::NoValue properties', async () => {
    const app = await loadYaml(TEMPLATE);
    expect(app.queues.map((q) => q.name)).toEqual(['always', 'watcher']);
    expect(app.queues[1].attributes).toEqual({});
    expect(app.outputs).toEqual({});
  });

  it('keep them when the Condition is true', async () => {
    const app = await loadYaml(TEMPLATE, { parameterOverrides: { Stage: 'prod' } });
    expect(app.queues.map((q) => q.name)).toEqual(['always', 'prod-only', 'watcher']);
    expect(app.queues[2].attributes).toEqual({
      DelaySeconds: '10',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:prod-only',
        maxReceiveCount: 2,
      }),
    });
    expect(app.outputs).toEqual({ Prod: 'http://127.0.0.1:4949/000000000000/prod-only' });
  });

  it('reject a Ref to a resource that its Condition leaves out', async () => {
    const error = await rejection(
      loadYaml(`
Conditions:
  Never: !Equals [a, b]
Resources:
  Gone: {Type: AWS::SQS::Queue, Condition: Never}
  User:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !GetAtt Gone.QueueName
`),
    );
    expect(error).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_REF',
      location: expect.stringMatching(/template\.yaml:9:18$/),
    });
    expect(error.message).toContain("Condition 'Never' is false");
  });

  it('reject an unknown condition and a loop of conditions', async () => {
    const unknown = await rejection(
      loadYaml(
        'Conditions:\n  A: !Equals [a, a]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: B\n',
      ),
    );
    expect(unknown).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_CONDITION',
      location: expect.stringMatching(/:4:3$/),
    });
    const loop = await rejection(
      loadYaml(
        'Conditions:\n  A: !Not [!Condition B]\n  B: !Not [!Condition A]\nResources:\n  Q: {Type: AWS::SQS::Queue, Condition: A}\n',
      ),
    );
    expect(loop.code).toBe('TEMPLATE_CYCLE');
    expect(loop.message).toContain('A → B → A');
  });
});

describe('mappings', () => {
  it('reject an unknown mapping or key, suggesting the right one', async () => {
    const base =
      'Mappings:\n  Sizes:\n    dev: {Memory: 1}\nResources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  X:\n    Value: ';
    const map = await rejection(loadYaml(`${base}!FindInMap [Size, dev, Memory]\n`));
    expect(map).toMatchObject({ code: 'TEMPLATE_BAD_MAPPING', location: expect.stringMatching(/:8:12$/) });
    expect(map.fix).toContain("did you mean 'Sizes'");
    const key = await rejection(loadYaml(`${base}!FindInMap [Sizes, dev, Memroy]\n`));
    expect(key.fix).toContain("did you mean 'Memory'");
  });
});

describe('pseudo parameters', () => {
  const PSEUDO = `
Resources:
  Q: {Type: AWS::SQS::Queue}
Outputs:
  Region: {Value: !Ref AWS::Region}
  Account: {Value: !Ref AWS::AccountId}
  Stack: {Value: !Ref AWS::StackName}
  Partition: {Value: !Ref AWS::Partition}
  Suffix: {Value: !Ref AWS::URLSuffix}
  Notifications: {Value: !Ref AWS::NotificationARNs}
  StackId: {Value: !Ref AWS::StackId}
`;

  it('default to us-east-1, 000000000000 and the folder name', async () => {
    const o = await outputs(PSEUDO);
    expect(o).toMatchObject({
      Region: 'us-east-1',
      Account: '000000000000',
      Stack: 'app',
      Partition: 'aws',
      Suffix: 'amazonaws.com',
      Notifications: [],
    });
    expect(o.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/app\//);
  });

  it('follow the configured region, account and stack name', async () => {
    const o = await outputs(PSEUDO, { region: 'cn-north-1', accountId: '111122223333', stackName: 'shop' });
    expect(o).toMatchObject({
      Region: 'cn-north-1',
      Account: '111122223333',
      Stack: 'shop',
      Partition: 'aws-cn',
      Suffix: 'amazonaws.com.cn',
    });
  });
});
