// The one interface every emulated service implements, and what it is given. dev/ knows services only
// through this; the registry (services/registry.ts) lists them in one literal.
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { TraceHub } from '../../trace/hub.js';
import type { AppModel } from '../../template/model.js';

/** Settings shared by every service. */
export interface ServiceConfig {
  region: string;
  accountId: string;
  /** The endpoint handlers and clients reach eddy on, e.g. http://127.0.0.1:4949. */
  endpoint: string;
  /** The state folder (`.eddy/`), or undefined with --in-memory. */
  stateDir?: string;
  /** Buckets served from existing folders, used in place: bucket name or template logical id → folder. */
  buckets?: Record<string, string>;
  /** The credentials handlers get (eddy dev --auth: a configured key); test/test otherwise. */
  credentials?: Credentials;
}

/** An access key pair. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A call to another local service by ARN (a rule target, a pipe target, a workflow task). */
export interface TargetRouter {
  /** Delivers `payload` to the resource `arn`; resolves with its result, rejects with its failure. */
  invoke(arn: string, payload: unknown, options?: TargetCallOptions): Promise<unknown>;
}

/** Extra settings of a cross-service call. */
export interface TargetCallOptions {
  traceId?: string;
  /** `RequestResponse` waits for a result; `Event` hands the call off. */
  invocationType?: 'RequestResponse' | 'Event';
  /** SQS FIFO targets. */
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /** Other per-target parameters (HTTP parameters, Step Functions execution name, ...). */
  parameters?: Record<string, unknown>;
}

/** What a service is given when it starts. */
export interface ServiceContext {
  config: ServiceConfig;
  store: Store;
  trace: TraceHub;
  clock: Clock;
  logger: Logger;
  router: TargetRouter;
  /** Finds another running service by name (for the router and services that cooperate). */
  lookup<T extends Service>(name: string): T | undefined;
}

/** One row of the resource table `eddy dev` prints. */
export interface ResourceSummary {
  type: string;
  logicalId: string;
  name: string;
  detail?: string;
}

/** An emulated AWS service. */
export interface Service {
  readonly name: string;
  /** Opens tables, starts workers. Called once. */
  start(context: ServiceContext): Promise<void>;
  /** Applies (or re-applies, on reload) the App model. Must leave the last state running on failure. */
  apply(app: AppModel): Promise<void>;
  /**
   * Called once at start-up, after every service applied the first app and the APIs are served: resumes
   * work a crash interrupted, now that every target it may call exists.
   */
  resume?(): void;
  /** Stops workers and releases resources. */
  dispose(): Promise<void>;
  /** The resources it runs now. */
  describe(): ResourceSummary[];
  /** When the service serves ARNs of this prefix (e.g. `arn:aws:sqs:`), the router sends them here. */
  readonly arnService?: string;
  /** Handles a router call for one of its ARNs. */
  invokeTarget?(arn: string, payload: unknown, options: TargetCallOptions): Promise<unknown>;
}
