// The bus's own view of its resources: what the template declares and what the API created, side by
// side (`origin` says which; on reload the template wins for what it declares).
import type { TargetModel } from '../../template/model.js';

/** Where a resource came from. */
export type Origin = 'template' | 'api';

/** An event bus. */
export interface Bus {
  name: string;
  arn: string;
  origin: Origin;
  description?: string;
  /** Epoch ms. */
  createdAt: number;
  tags: Record<string, string>;
  /** Resource policy statements (PutPermission). */
  statements: Record<string, unknown>[];
}

/** A rule on a bus. */
export interface Rule {
  name: string;
  busName: string;
  arn: string;
  origin: Origin;
  eventPattern?: string;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  description?: string;
  roleArn?: string;
  targets: TargetModel[];
  tags: Record<string, string>;
  createdAt: number;
}

/** An archive of a bus's events. */
export interface Archive {
  name: string;
  arn: string;
  busName: string;
  sourceArn: string;
  origin: Origin;
  eventPattern?: string;
  retentionDays: number;
  description?: string;
  createdAt: number;
}

/** Replay states, as DescribeReplay names them. */
export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/** A replay of an archive into its bus. */
export interface Replay {
  name: string;
  arn: string;
  archiveName: string;
  sourceArn: string;
  description?: string;
  destinationArn: string;
  filterArns: string[];
  eventStartTime: number;
  eventEndTime: number;
  state: ReplayState;
  stateReason?: string;
  startedAt: number;
  endedAt?: number;
  lastReplayedTime?: number;
  /** eddy's progress counters (for `eddy replay`). */
  total: number;
  replayed: number;
  deliveries: number;
  failures: number;
}

/** Key of a rule: bus and name. */
export function ruleKey(busName: string, name: string): string {
  return `${busName}/${name}`;
}
