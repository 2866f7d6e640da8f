// The one list of CloudFormation types eddy emulates, and the App model collection each one fills.
import type { AppModel } from '../model.js';
import { buildApiDestination, buildConnection } from './connections.js';
import { buildArchive, buildBus, buildRule } from './events.js';
import { buildFunction } from './function.js';
import { buildQueue } from './queue.js';
import { buildBucket, buildSchedule } from './schedule.js';
import { buildEventSourceMapping, buildPipe } from './sources.js';
import { buildStateMachine } from './state-machine.js';
import type { BuildInput } from './types.js';

type Collection =
  | 'buses'
  | 'rules'
  | 'archives'
  | 'schedules'
  | 'queues'
  | 'functions'
  | 'stateMachines'
  | 'eventSourceMappings'
  | 'pipes'
  | 'buckets'
  | 'connections'
  | 'apiDestinations';

interface Entry {
  collection: Collection;
  build(input: BuildInput): NonNullable<AppModel[Collection]>[number] | undefined;
}

/** CloudFormation type → builder. Anything else is reported as not emulated. */
export const BUILDERS: Readonly<Record<string, Entry>> = {
  'AWS::Events::EventBus': { collection: 'buses', build: buildBus },
  'AWS::Events::Rule': { collection: 'rules', build: buildRule },
  'AWS::Events::Archive': { collection: 'archives', build: buildArchive },
  'AWS::Events::Connection': { collection: 'connections', build: buildConnection },
  'AWS::Events::ApiDestination': { collection: 'apiDestinations', build: buildApiDestination },
  'AWS::Scheduler::Schedule': { collection: 'schedules', build: buildSchedule },
  'AWS::SQS::Queue': { collection: 'queues', build: buildQueue },
  'AWS::Lambda::Function': { collection: 'functions', build: buildFunction },
  'AWS::StepFunctions::StateMachine': { collection: 'stateMachines', build: buildStateMachine },
  'AWS::Lambda::EventSourceMapping': { collection: 'eventSourceMappings', build: buildEventSourceMapping },
  'AWS::Pipes::Pipe': { collection: 'pipes', build: buildPipe },
  'AWS::S3::Bucket': { collection: 'buckets', build: buildBucket },
};

/** Types that only adjust another resource's model (applied after every model is built). */
export const ADJUSTERS = new Set(['AWS::Lambda::EventInvokeConfig']);

/** Add a built model to its collection. */
export function addModel(app: AppModel, collection: Collection, model: unknown): void {
  // Optional collections (connections, API destinations) may be missing on a hand-built model.
  const list = (app[collection] ?? []) as unknown[];
  list.push(model);
  (app as unknown as Record<string, unknown[]>)[collection] = list;
}
