import { describe, expect, it } from 'vitest';
import { outputs } from './helpers.js';

// One queue, one function, one bus and friends: enough for every Ref / GetAtt form.
const RESOURCES = `
Parameters:
  Env: {Type: String, Default: dev}
  Subnets: {Type: CommaDelimitedList, Default: 'a, b,c'}
Mappings:
  Sizes:
    dev: {Memory: 256, Zones: [x, y]}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties: {QueueName: orders}
  Worker:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: worker, Handler: app.handler, Runtime: nodejs20.x, Code: ., Role: arn:aws:iam::1:role/r}
  Bus:
    Type: AWS::Events::EventBus
    Properties: {Name: shop}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties: {StateMachineName: flow, RoleArn: r, Definition: {StartAt: A, States: {A: {Type: Succeed}}}}
  Store:
    Type: AWS::S3::Bucket
    Properties: {BucketName: store}
  OnOrder:
    Type: AWS::Events::Rule
    Properties: {Name: on-order, EventBusName: !Ref Bus, EventPattern: {source: [a]}}
  DefaultRule:
    Type: AWS::Events::Rule
    Properties: {Name: tick, ScheduleExpression: rate(1 minute)}
  Keep:
    Type: AWS::Events::Archive
    Properties: {ArchiveName: keep, SourceArn: !GetAtt Bus.Arn}
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties: {Name: p, Source: !GetAtt Orders.Arn, Target: !Ref Flow, RoleArn: r}
  Later:
    Type: AWS::Scheduler::Schedule
    Properties: {Name: later, GroupName: g, ScheduleExpression: rate(1 day), FlexibleTimeWindow: {Mode: 'OFF'}, Target: {Arn: !Ref Flow, RoleArn: r}}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt Orders.Arn, FunctionName: !Ref Worker}
  Table:
    Type: AWS::DynamoDB::Table
    Properties: {TableName: orders-table}
`;

async function evaluate(values: Record<string, string>, options = {}) {
  const out = Object.entries(values)
    .map(([k, v]) => `  ${k}:\n    Value: ${v}`)
    .join('\n');
  return outputs(`${RESOURCES}\nOutputs:\n${out}`, options);
}

describe('Ref and Fn::GetAtt', () => {
  it('return what AWS returns for each emulated type', async () => {
    const o = await evaluate({
      QueueRef: '!Ref Orders',
      QueueArn: '!GetAtt Orders.Arn',
      QueueName: '!GetAtt Orders.QueueName',
      QueueUrl: '!GetAtt [Orders, QueueUrl]',
      FnRef: '!Ref Worker',
      FnArn: '!GetAtt Worker.Arn',
      BusRef: '!Ref Bus',
      BusArn: '!GetAtt Bus.Arn',
      BusName: '!GetAtt Bus.Name',
      FlowRef: '!Ref Flow',
      FlowName: '!GetAtt Flow.Name',
      StoreRef: '!Ref Store',
      StoreArn: '!GetAtt Store.Arn',
      RuleRef: '!Ref OnOrder',
      RuleArn: '!GetAtt OnOrder.Arn',
      DefaultRuleRef: '!Ref DefaultRule',
      DefaultRuleArn: '!GetAtt DefaultRule.Arn',
      ArchiveRef: '!Ref Keep',
      ArchiveArn: '!GetAtt Keep.Arn',
      ArchiveName: '!GetAtt Keep.ArchiveName',
      PipeRef: '!Ref Pipe',
      PipeArn: '!GetAtt Pipe.Arn',
      ScheduleRef: '!Ref Later',
      ScheduleArn: '!GetAtt Later.Arn',
      TableRef: '!Ref Table',
      TableArn: '!GetAtt Table.Arn',
      TableStream: '!GetAtt Table.StreamArn',
    });
    const a = 'us-east-1:000000000000';
    expect(o).toMatchObject({
      QueueRef: 'http://127.0.0.1:4949/000000000000/orders',
      QueueArn: `arn:aws:sqs:${a}:orders`,
      QueueName: 'orders',
      QueueUrl: 'http://127.0.0.1:4949/000000000000/orders',
      FnRef: 'worker',
      FnArn: `arn:aws:lambda:${a}:function:worker`,
      BusRef: 'shop',
      BusArn: `arn:aws:events:${a}:event-bus/shop`,
      BusName: 'shop',
      FlowRef: `arn:aws:states:${a}:stateMachine:flow`,
      FlowName: 'flow',
      StoreRef: 'store',
      StoreArn: 'arn:aws:s3:::store',
      RuleRef: 'shop|on-order',
      RuleArn: `arn:aws:events:${a}:rule/shop/on-order`,
      DefaultRuleRef: 'tick',
      DefaultRuleArn: `arn:aws:events:${a}:rule/tick`,
      ArchiveRef: 'keep',
      ArchiveArn: `arn:aws:events:${a}:archive/keep`,
      ArchiveName: 'keep',
      PipeRef: 'p',
      PipeArn: `arn:aws:pipes:${a}:pipe/p`,
      ScheduleRef: 'later',
      ScheduleArn: `arn:aws:scheduler:${a}:schedule/g/later`,
      TableRef: 'orders-table',
      TableArn: `arn:aws:dynamodb:${a}:table/orders-table`,
      TableStream: 'Table.StreamArn',
    });
  });

  it('gives an event source mapping its UUID, stable across loads', async () => {
    const first = await evaluate({ Id: '!Ref Mapping', Arn: '!GetAtt Mapping.EventSourceMappingArn' });
    const second = await evaluate({ Id: '!Ref Mapping' });
    expect(first.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.Arn).toBe(`arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${String(first.Id)}`);
    expect(second.Id).toBe(first.Id);
  });

  it('uses the configured endpoint, region and account', async () => {
    const o = await evaluate(
      { Url: '!Ref Orders', Arn: '!GetAtt Worker.Arn' },
      { endpoint: 'http://localhost:9000/', region: 'eu-west-3', accountId: '123456789012' },
    );
    expect(o).toEqual({
      Url: 'http://localhost:9000/123456789012/orders',
      Arn: 'arn:aws:lambda:eu-west-3:123456789012:function:worker',
    });
  });
});

describe('Fn::Sub', () => {
  it('substitutes parameters, resources, attributes and pseudo parameters', async () => {
    const o = await evaluate({
      Plain: `!Sub '\${Env}-\${Orders}-\${Worker.Arn}-\${AWS::Region}-\${AWS::AccountId}'`,
      Escaped: `!Sub 'keep \${!Literal} and \${ Env }'`,
      ListForm: `!Sub ['\${Name}/\${Env}', {Name: !GetAtt Orders.QueueName}]`,
      NoVars: '!Sub plain',
    });
    expect(o).toEqual({
      Plain:
        'dev-http://127.0.0.1:4949/000000000000/orders-arn:aws:lambda:us-east-1:000000000000:function:worker-us-east-1-000000000000',
      Escaped: 'keep ${Literal} and dev',
      ListForm: 'orders/dev',
      NoVars: 'plain',
    });
  });
});

describe('string and list functions', () => {
  it('evaluates Join, Select, Split, Base64, GetAZs, Cidr, Length and ToJsonString', async () => {
    const o = await evaluate({
      Join: `!Join ['-', [a, !Ref Env, !GetAtt Orders.QueueName]]`,
      JoinList: `!Join [':', !Ref Subnets]`,
      Select: '!Select [1, !Ref Subnets]',
      SelectString: `!Select ['0', [x, y]]`,
      Split: `!Split ['/', 'a/b/c']`,
      SplitSelect: `!Select [2, !Split [':', !GetAtt Orders.Arn]]`,
      Base64: '!Base64 hello',
      AZs: `!GetAZs ''`,
      Cidr: `!Cidr ['10.0.0.0/16', 3, 8]`,
      Length: '!Length [a, b, c]',
      Json: '!ToJsonString {a: !Ref Env}',
    });
    expect(o).toEqual({
      Join: 'a-dev-orders',
      JoinList: 'a:b:c',
      Select: 'b',
      SelectString: 'x',
      Split: ['a', 'b', 'c'],
      SplitSelect: 'sqs',
      Base64: Buffer.from('hello').toString('base64'),
      AZs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      Cidr: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
      Length: 3,
      Json: '{"a":"dev"}',
    });
  });

  it('evaluates FindInMap, including lists and DefaultValue', async () => {
    const o = await evaluate({
      Memory: '!FindInMap [Sizes, !Ref Env, Memory]',
      Zone: '!Select [1, !FindInMap [Sizes, dev, Zones]]',
      Fallback: '!FindInMap [Sizes, prod, Memory, {DefaultValue: 128}]',
    });
    expect(o).toEqual({ Memory: 256, Zone: 'y', Fallback: 128 });
  });

  it('warns about ImportValue and gives a placeholder', async () => {
    const o = await evaluate({ Imported: '!ImportValue shared-bus' });
    expect(o.Imported).toBe('import:shared-bus');
  });
});

describe('condition functions', () => {
  it('evaluates If, Equals, Not, And, Or', async () => {
    const o = await evaluate({
      IfTrue: '!If [IsDev, yes, no]',
      Equals: '!If [IsDev, !Equals [!Ref Env, dev], x]',
      Nested: `!Join [',', [!If [IsDev, a, b], !If [IsDev, !Ref AWS::NoValue, c], d]]`,
    });
    expect(o).toEqual({ IfTrue: 'yes', Equals: true, Nested: 'a,d' });
  });

  it('evaluates Not, And, Or inside Conditions', async () => {
    const o = await outputs(`
Parameters:
  Env: {Type: String, Default: prod}
  Size: {Type: Number, Default: 3}
Conditions:
  IsProd: !Equals [prod, !Ref Env]
  NotProd: !Not [!Condition IsProd]
  Big: !Equals [!Ref Size, 3]
  BigProd: !And [!Condition IsProd, !Condition Big]
  Either: !Or [!Condition NotProd, !Equals [a, b]]
  Literal: !Equals ['true', true]
Resources:
  Q: {Type: AWS::SQS::Queue}
Outputs:
  A: {Value: !If [IsProd, 1, 0]}
  B: {Value: !If [NotProd, 1, 0]}
  C: {Value: !If [BigProd, 1, 0]}
  D: {Value: !If [Either, 1, 0]}
  E: {Value: !If [Literal, 1, 0]}
`);
    expect(o).toEqual({ A: 1, B: 0, C: 1, D: 0, E: 1 });
  });
});
