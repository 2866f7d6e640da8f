// Live counters per architecture node, folded from trace records as they stream in.
import { baseArn } from './topology.js';
import type { TraceRecord } from './types.js';

/** Counters of one node (absent counters are zero). */
export type NodeCounts = Partial<Record<CounterName, number>>;

/** The counters the console keeps. */
export type CounterName =
  | 'events'
  | 'matched'
  | 'delivered'
  | 'failed'
  | 'invocations'
  | 'errors'
  | 'sent'
  | 'received'
  | 'deleted'
  | 'executions'
  | 'running'
  | 'batches';

/** Counters for every node, keyed by ARN. */
export class Counters {
  readonly byNode = new Map<string, NodeCounts>();

  private bump(arn: string | undefined, name: CounterName, by = 1): void {
    if (!arn) return;
    const key = baseArn(arn);
    const counts = this.byNode.get(key) ?? {};
    counts[name] = (counts[name] ?? 0) + by;
    this.byNode.set(key, counts);
  }

  /** Folds one record into the counters. */
  add(record: TraceRecord): void {
    const p = record.payload;
    switch (record.kind) {
      case 'event':
        return this.bump(record.resource, 'events');
      case 'match':
        return this.bump(record.resource, 'matched');
      case 'delivery':
        if (p.outcome === 'succeeded') this.bump(record.resource, 'delivered');
        else if (p.outcome === 'failed' || p.outcome === 'skipped') this.bump(record.resource, 'failed');
        if (p.via === 'event-source-mapping') this.bump(`esm:${String(p.mapping ?? '')}`, 'batches');
        return;
      case 'invocation':
        this.bump(record.resource, 'invocations');
        if (p.status === 'failed') this.bump(record.resource, 'errors');
        return;
      case 'message':
        if (p.action === 'sent') this.bump(record.resource, 'sent');
        if (p.action === 'received') this.bump(record.resource, 'received');
        if (p.action === 'deleted') this.bump(record.resource, 'deleted');
        return;
      case 'execution':
        if (p.status === 'RUNNING' || p.status === 'started') {
          this.bump(record.resource, 'executions');
          this.bump(record.resource, 'running');
        } else if (p.status) this.bump(record.resource, 'running', -1);
        if (p.status === 'FAILED' || p.status === 'TIMED_OUT' || p.status === 'ABORTED')
          this.bump(record.resource, 'failed');
        return;
      case 'pipe':
        return this.bump(record.resource, 'batches');
      default:
        return;
    }
  }

  /** A short text for a node (under one or more keys): its non-zero counters. */
  summary(...keys: string[]): string {
    const total: NodeCounts = {};
    for (const key of keys)
      for (const [name, n] of Object.entries(this.byNode.get(key) ?? {}))
        total[name as CounterName] = (total[name as CounterName] ?? 0) + n;
    return Object.entries(total)
      .filter(([, n]) => n !== 0)
      .map(([name, n]) => `${n} ${name}`)
      .join(' · ');
  }
}
