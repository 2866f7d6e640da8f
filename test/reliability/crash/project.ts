// The application the crash suites run: a SAM template and its handlers, written into a temp folder.
// One bus with an archive and two rules (an SQS target; a failing function with a RetryPolicy and a
// DLQ), a work queue, a STANDARD workflow with Waits and a retried Task, and a Distributed Map.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Logical names the load drivers and checks refer to. */
export const NAMES = {
  bus: 'crash-bus',
  archive: 'crash-archive',
  sinkRule: 'to-sink',
  sinkQueue: 'crash-sink',
  dlq: 'crash-dlq',
  workQueue: 'crash-work',
  flow: 'crash-flow',
  mapper: 'crash-mapper',
} as const;

/** Items each Distributed Map run iterates over. */
export const MAP_ITEMS = 12;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: handlers/
    Timeout: 10
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: ${NAMES.bus}
  Archive:
    Type: AWS::Events::Archive
    Properties:
      ArchiveName: ${NAMES.archive}
      SourceArn: !GetAtt Bus.Arn
  Sink:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: ${NAMES.sinkQueue}
      VisibilityTimeout: 3
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: ${NAMES.dlq}
      VisibilityTimeout: 3
  Work:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: ${NAMES.workQueue}
      VisibilityTimeout: 2
  ToSink:
    Type: AWS::Events::Rule
    Properties:
      Name: ${NAMES.sinkRule}
      EventBusName: !Ref Bus
      EventPattern:
        source: [crash]
        detail:
          kind: [ok]
      Targets:
        - Id: sink
          Arn: !GetAtt Sink.Arn
  ToFailing:
    Type: AWS::Events::Rule
    Properties:
      Name: to-failing
      EventBusName: !Ref Bus
      EventPattern:
        source: [crash]
        detail:
          kind: [fail]
      Targets:
        - Id: failing
          Arn: !GetAtt Failing.Arn
          RetryPolicy:
            MaximumRetryAttempts: 1
            MaximumEventAgeInSeconds: 60
          DeadLetterConfig:
            Arn: !GetAtt Dlq.Arn
  Failing:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: crash-failing
      Handler: app.failing
  Flaky:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: crash-flaky
      Handler: app.flaky
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: ${NAMES.flow}
      Type: STANDARD
      Definition:
        StartAt: First
        States:
          First:
            Type: Wait
            Seconds: 1
            Next: Call
          Call:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters:
              FunctionName: !Ref Flaky
              Payload:
                id.$: $.id
                retry.$: $$.State.RetryCount
            ResultSelector:
              id.$: $.Payload.id
            Retry:
              - ErrorEquals: [States.ALL]
                IntervalSeconds: 1
                MaxAttempts: 3
                BackoffRate: 1
            Next: Second
          Second:
            Type: Wait
            Seconds: 1
            End: true
  Mapper:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: ${NAMES.mapper}
      Type: STANDARD
      Definition:
        StartAt: Each
        States:
          Each:
            Type: Map
            ItemsPath: $.items
            MaxConcurrency: 4
            ItemProcessor:
              ProcessorConfig:
                Mode: DISTRIBUTED
                ExecutionType: STANDARD
              StartAt: Pause
              States:
                Pause:
                  Type: Wait
                  Seconds: 1
                  Next: Echo
                Echo:
                  Type: Pass
                  End: true
            End: true
`;

const HANDLERS = `// Handlers for the crash suite.
// failing: always throws, so its rule target retries and then dead-letters.
export const failing = async () => {
  throw new Error('always fails');
};
// flaky: fails on the first attempt of each execution's Task, succeeds on the retry.
export const flaky = async (event) => {
  if (event.retry < 1) throw new Error('first attempt fails');
  return { id: event.id };
};
`;

/** Writes the project into `dir`; returns the template's path. */
export function writeProject(dir: string): string {
  mkdirSync(join(dir, 'handlers'), { recursive: true });
  writeFileSync(join(dir, 'handlers', 'app.mjs'), HANDLERS);
  const template = join(dir, 'template.yaml');
  writeFileSync(template, TEMPLATE);
  return template;
}
