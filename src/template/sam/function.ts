// AWS::Serverless::Function → AWS::Lambda::Function (+ its event sources and invoke config).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
import { isRecord, type TemplateResource } from '../resources.js';
import { generatedResource, implicitResource, withoutUndefined, type ExpandContext } from './context.js';
import { expandRuleEvent, type EventTarget } from './events.js';
import { mergeGlobals } from './globals.js';

const RULE_EVENTS = new Set(['EventBridgeRule', 'CloudWatchEvent', 'Schedule', 'ScheduleV2']);

/** Expand one SAM function into CloudFormation resources (added through `ctx.add`). */
export function expandFunction(resource: TemplateResource, globals: unknown, ctx: ExpandContext): void {
  const p = mergeGlobals(globals, resource.properties, ctx.positions) as Record<string, unknown>;
  const id = resource.logicalId;
  if (p.PackageType === 'Image' || p.ImageUri !== undefined) {
    ctx.warn(`container image functions are not emulated: ${id}`, resource.position);
  }
  let role = p.Role;
  if (role === undefined) {
    ctx.add(implicitResource(`${id}Role`, 'AWS::IAM::Role', resource));
    role = { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
  }
  // SAM CLI runs a function without CodeUri from the template's folder.
  const code = p.InlineCode !== undefined ? { ZipFile: p.InlineCode } : (p.CodeUri ?? '.');
  const lambda = generatedResource(
    id,
    'AWS::Lambda::Function',
    {
      FunctionName: p.FunctionName,
      Description: p.Description,
      Handler: p.Handler,
      Runtime: p.Runtime,
      Code: code,
      Role: role,
      Timeout: p.Timeout ?? 3,
      MemorySize: p.MemorySize ?? 128,
      Environment: p.Environment,
      ReservedConcurrentExecutions: p.ReservedConcurrentExecutions,
      Architectures: p.Architectures,
      Tags: p.Tags,
    },
    resource,
  );
  lambda.metadata = resource.metadata;
  lambda.dependsOn = resource.dependsOn;
  ctx.positions.copy(resource.properties, lambda.properties);
  ctx.add(lambda);
  if (isRecord(p.EventInvokeConfig)) expandInvokeConfig(resource, p.EventInvokeConfig, ctx);
  expandEvents(resource, p.Events, ctx);
}

function expandInvokeConfig(
  resource: TemplateResource,
  config: Record<string, unknown>,
  ctx: ExpandContext,
): void {
  const destinations = isRecord(config.DestinationConfig) ? config.DestinationConfig : {};
  const destination = (key: string) => {
    const d = destinations[key];
    if (!isRecord(d)) return undefined;
    if (d.Destination === undefined) {
      ctx.warn(
        `${resource.logicalId} EventInvokeConfig ${key} without Destination is not emulated`,
        resource.position,
      );
      return undefined;
    }
    return { Destination: d.Destination };
  };
  ctx.add(
    generatedResource(
      `${resource.logicalId}EventInvokeConfig`,
      'AWS::Lambda::EventInvokeConfig',
      {
        FunctionName: { Ref: resource.logicalId },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: config.MaximumRetryAttempts,
        MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
        DestinationConfig: withoutUndefined({
          OnSuccess: destination('OnSuccess'),
          OnFailure: destination('OnFailure'),
        }),
      },
      resource,
    ),
  );
}

function expandEvents(resource: TemplateResource, events: unknown, ctx: ExpandContext): void {
  if (!isRecord(events)) return;
  const target: EventTarget = {
    arn: { 'Fn::GetAtt': [resource.logicalId, 'Arn'] },
    idSuffix: 'LambdaTarget',
    needsRole: false,
  };
  for (const [name, event] of Object.entries(events)) {
    const position = ctx.positions.key(events, name);
    if (!isRecord(event)) continue;
    const type = String(event.Type);
    if (RULE_EVENTS.has(type)) {
      expandRuleEvent(resource, name, event, target, ctx, position);
      if (type !== 'ScheduleV2') {
        ctx.add(
          implicitResource(`${resource.logicalId}${name}Permission`, 'AWS::Lambda::Permission', resource),
        );
      }
    } else if (type === 'SQS') {
      const p = isRecord(event.Properties) ? event.Properties : {};
      ctx.add(
        generatedResource(
          `${resource.logicalId}${name}`,
          'AWS::Lambda::EventSourceMapping',
          {
            EventSourceArn: p.Queue,
            FunctionName: { Ref: resource.logicalId },
            BatchSize: p.BatchSize,
            MaximumBatchingWindowInSeconds: p.MaximumBatchingWindowInSeconds,
            FilterCriteria: p.FilterCriteria,
            FunctionResponseTypes: p.FunctionResponseTypes,
            Enabled: p.Enabled,
            ScalingConfig: p.ScalingConfig,
          },
          resource,
          position,
        ),
      );
    } else {
      ctx.warn(`not emulated: event source ${type} ${resource.logicalId}.${name}`, position);
    }
  }
}
