// The shapes the console reads from eddy's endpoints: a mirror of the parts of the server's App model it
// draws, and the server's own trace record types.

/** A resource of the App model, as `/_eddy/app` sends it. */
export interface Resource {
  logicalId: string;
  name: string;
  arn: string;
}

/** A rule target. */
export interface Target {
  id: string;
  arn: string;
  deadLetterArn?: string;
}

/** The parts of the App model the console draws. */
export interface App {
  templateFile: string;
  stackName: string;
  region: string;
  accountId: string;
  buses: Resource[];
  rules: (Resource & {
    busName: string;
    eventPattern?: string;
    scheduleExpression?: string;
    state: string;
    targets: Target[];
  })[];
  archives: (Resource & { busName: string; sourceArn: string })[];
  schedules: (Resource & { scheduleExpression: string; target: Target })[];
  queues: (Resource & { url: string; fifo: boolean; attributes: Record<string, string> })[];
  functions: (Resource & {
    handler: string;
    runtime: string;
    onFailureArn?: string;
    onSuccessArn?: string;
  })[];
  stateMachines: (Resource & { type: string; definition: string })[];
  eventSourceMappings: (Resource & {
    uuid: string;
    eventSourceArn: string;
    functionArn: string;
    enabled: boolean;
  })[];
  pipes: (Resource & { source: string; target: string; enrichment?: string; desiredState: string })[];
  buckets: Resource[];
  unsupported: { logicalId: string; type: string }[];
  warnings: { message: string }[];
}

// The trace record types are the server's own (type-only: nothing of the server reaches the bundle).
export type { TraceKind, TraceRecord } from '../trace/record.js';
