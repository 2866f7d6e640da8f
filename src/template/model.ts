// The App model: the typed resources eddy emulates, produced from a SAM / CloudFormation template with
// every intrinsic resolved and the SAM transform expanded. Services read only this, never the template.

/** Where a node came from in the template: file and 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** What every emulated resource carries. */
export interface ResourceBase {
  /** The logical id in the template (for resources SAM generates: the id SAM gives them). */
  logicalId: string;
  /** The physical name AWS would give it (Name property, or `<stack>-<logicalId>-<suffix>` style). */
  name: string;
  arn: string;
  position?: SourcePosition;
}

/** An EventBridge bus (`default` is always present). */
export interface BusModel extends ResourceBase {
  kind: 'bus';
}

/** A rule target: one of up to five per rule. `arn` says which local service serves it. */
export interface TargetModel {
  id: string;
  arn: string;
  roleArn?: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  deadLetterArn?: string;
  /** FIFO queue targets. */
  messageGroupId?: string;
  /** HTTP / API destination targets. */
  httpParameters?: Record<string, unknown>;
  position?: SourcePosition;
}

/** An EventBridge rule on a bus, with a pattern or a schedule. */
export interface RuleModel extends ResourceBase {
  kind: 'rule';
  busName: string;
  /** The event pattern as JSON text (as PutRule takes it). */
  eventPattern?: string;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  description?: string;
  targets: TargetModel[];
}

/** An EventBridge archive of a bus. */
export interface ArchiveModel extends ResourceBase {
  kind: 'archive';
  sourceArn: string;
  busName: string;
  eventPattern?: string;
  retentionDays?: number;
  description?: string;
}

/** An EventBridge Scheduler schedule (`AWS::Scheduler::Schedule`, SAM ScheduleV2). */
export interface ScheduleModel extends ResourceBase {
  kind: 'schedule';
  groupName: string;
  scheduleExpression: string;
  scheduleExpressionTimezone?: string;
  state: 'ENABLED' | 'DISABLED';
  target: TargetModel;
  startDate?: string;
  endDate?: string;
}

/** An SQS queue. Attribute values are strings, as the SQS API keeps them. */
export interface QueueModel extends ResourceBase {
  kind: 'queue';
  url: string;
  fifo: boolean;
  /** SQS attribute names (VisibilityTimeout, DelaySeconds, RedrivePolicy as JSON text, ...). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

/** esbuild settings from SAM's `Metadata: BuildMethod: esbuild` / `BuildProperties`. */
export interface EsbuildProperties {
  entryPoints?: string[];
  format?: 'esm' | 'cjs';
  target?: string;
  sourcemap?: boolean;
  minify?: boolean;
  external?: string[];
  mainFields?: string[];
  outExtension?: string[];
  banner?: string;
}

/** A Lambda function with local code. */
export interface FunctionModel extends ResourceBase {
  kind: 'function';
  /** `file.export` as in the template (`app.handler`, `src/handlers/pay.handler`). */
  handler: string;
  runtime: string;
  /** Absolute folder of the code (CodeUri resolved against the template's folder). */
  codeDir: string;
  timeoutSeconds: number;
  memoryMB: number;
  environment: Record<string, string>;
  reservedConcurrency?: number;
  esbuild?: EsbuildProperties;
  /** Async invocation settings (EventInvokeConfig / SAM EventInvokeConfig). */
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  onFailureArn?: string;
  onSuccessArn?: string;
  architectures?: string[];
}

/** A Step Functions state machine. */
export interface StateMachineModel extends ResourceBase {
  kind: 'stateMachine';
  type: 'STANDARD' | 'EXPRESS';
  /** The ASL definition with DefinitionSubstitutions applied, as JSON text. */
  definition: string;
  /** Where the definition came from (DefinitionUri file or the template). */
  definitionPosition?: SourcePosition;
  roleArn: string;
}

/** A Lambda event source mapping (SAM `Events: Type: SQS`, `AWS::Lambda::EventSourceMapping`). */
export interface EventSourceMappingModel extends ResourceBase {
  kind: 'eventSourceMapping';
  uuid: string;
  eventSourceArn: string;
  functionArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  enabled: boolean;
  /** FilterCriteria patterns as JSON text. */
  filters: string[];
  functionResponseTypes: string[];
  maximumConcurrency?: number;
}

/** An EventBridge pipe. Parameters keep AWS's property names (CloudFormation casing). */
export interface PipeModel extends ResourceBase {
  kind: 'pipe';
  source: string;
  target: string;
  enrichment?: string;
  desiredState: 'RUNNING' | 'STOPPED';
  sourceParameters: Record<string, unknown>;
  targetParameters: Record<string, unknown>;
  enrichmentParameters: Record<string, unknown>;
  roleArn: string;
  description?: string;
}

/**
 * An EventBridge connection (`AWS::Events::Connection`): how API destinations authorize. AuthParameters
 * keep AWS's member names and hold the credentials; they never leave eddy's process and store.
 */
export interface ConnectionModel extends ResourceBase {
  kind: 'connection';
  authorizationType: string;
  authParameters: Record<string, unknown>;
  description?: string;
  secretArn: string;
}

/** An EventBridge API destination (`AWS::Events::ApiDestination`): an HTTP endpoint behind a connection. */
export interface ApiDestinationModel extends ResourceBase {
  kind: 'apiDestination';
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: string;
  invocationRateLimitPerSecond?: number;
  description?: string;
}

/** An S3 bucket, emulated as a local folder. */
export interface BucketModel extends ResourceBase {
  kind: 'bucket';
}

/** A resource eddy does not emulate: listed with a warning, never an error. */
export interface UnsupportedResource {
  logicalId: string;
  type: string;
  position?: SourcePosition;
}

/** A problem that does not stop the app from running. */
export interface TemplateWarning {
  message: string;
  position?: SourcePosition;
}

/** Everything eddy emulates, from one template. */
export interface AppModel {
  /** Absolute path of the template file. */
  templateFile: string;
  /** The folder relative paths (CodeUri, DefinitionUri) resolve against. */
  rootDir: string;
  stackName: string;
  region: string;
  accountId: string;
  partition: string;
  buses: BusModel[];
  rules: RuleModel[];
  archives: ArchiveModel[];
  schedules: ScheduleModel[];
  queues: QueueModel[];
  functions: FunctionModel[];
  stateMachines: StateMachineModel[];
  eventSourceMappings: EventSourceMappingModel[];
  pipes: PipeModel[];
  buckets: BucketModel[];
  /** Optional so App models built by hand (tests, benches) need not list them. */
  connections?: ConnectionModel[];
  apiDestinations?: ApiDestinationModel[];
  unsupported: UnsupportedResource[];
  warnings: TemplateWarning[];
  /** Resolved template Outputs (name → value). */
  outputs: Record<string, unknown>;
}

/** Options for loading a template. */
export interface LoadOptions {
  /** `--parameter-overrides Key=Value` pairs. */
  parameterOverrides?: Record<string, string>;
  region?: string;
  accountId?: string;
  /** Defaults to the template folder's name. */
  stackName?: string;
  /** Used for queue URLs: `http://127.0.0.1:4949`. */
  endpoint?: string;
}

/** An empty App model (no template): only the default bus. */
export function emptyApp(
  options: { region?: string; accountId?: string; templateFile?: string } = {},
): AppModel {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  return {
    templateFile: options.templateFile ?? '',
    rootDir: process.cwd(),
    stackName: 'eddy',
    region,
    accountId,
    partition: 'aws',
    buses: [
      {
        kind: 'bus',
        logicalId: 'default',
        name: 'default',
        arn: `arn:aws:events:${region}:${accountId}:event-bus/default`,
      },
    ],
    rules: [],
    archives: [],
    schedules: [],
    queues: [],
    functions: [],
    stateMachines: [],
    eventSourceMappings: [],
    pipes: [],
    buckets: [],
    connections: [],
    apiDestinations: [],
    unsupported: [],
    warnings: [],
    outputs: {},
  };
}
