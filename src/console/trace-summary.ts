// What one event caused, from the records of its trace: the rules it matched, each delivery with its
// attempts, and one line per record for the timeline.
import type { TraceRecord } from './types.js';

/** One target of one rule, with every attempt to deliver to it. */
export interface DeliverySummary {
  rule: string;
  target: string;
  targetArn: string;
  attempts: { time: string; outcome: string; error?: string; retryInMs?: number }[];
  /** The last outcome: succeeded, failed (final), dead-lettered, retrying, skipped, or pending. */
  status: string;
}

/** The summary of a trace. */
export interface TraceSummary {
  matched: { rule: string; ruleArn: string; targets: string[] }[];
  deliveries: DeliverySummary[];
}

/** Folds a trace's records into matched rules and deliveries. */
export function summarizeTrace(records: TraceRecord[]): TraceSummary {
  const matched: TraceSummary['matched'] = [];
  const deliveries = new Map<string, DeliverySummary>();
  for (const r of records) {
    const p = r.payload;
    if (r.kind === 'match') {
      matched.push({
        rule: String(p.rule ?? ''),
        ruleArn: r.resource ?? '',
        targets: (p.targets as string[]) ?? [],
      });
      for (const target of (p.targets as string[]) ?? []) {
        const key = `${String(p.rule)}/${target}`;
        if (!deliveries.has(key))
          deliveries.set(key, {
            rule: String(p.rule),
            target,
            targetArn: '',
            attempts: [],
            status: 'pending',
          });
      }
    } else if (r.kind === 'delivery' && p.rule !== undefined) {
      const key = `${String(p.rule)}/${String(p.target)}`;
      const d = deliveries.get(key) ?? {
        rule: String(p.rule),
        target: String(p.target),
        targetArn: '',
        attempts: [],
        status: 'pending',
      };
      d.targetArn = String(p.targetArn ?? r.resource ?? '');
      const outcome = String(p.outcome ?? '');
      d.attempts.push({
        time: r.time,
        outcome,
        ...(p.error !== undefined ? { error: String(p.error) } : {}),
        ...(typeof p.retryInMs === 'number' ? { retryInMs: p.retryInMs } : {}),
      });
      d.status =
        outcome === 'failed' && typeof p.retryInMs === 'number'
          ? 'retrying'
          : p.final === 'dead-lettered'
            ? 'dead-lettered'
            : outcome;
      deliveries.set(key, d);
    }
  }
  return { matched, deliveries: [...deliveries.values()] };
}

/** A one-line description of a record for the timeline. */
export function describeRecord(r: TraceRecord): string {
  const p = r.payload;
  const s = (v: unknown) => (v === undefined ? '' : String(v));
  switch (r.kind) {
    case 'event': {
      const e = (p.event ?? {}) as Record<string, unknown>;
      return `event ${s(e.source)} / ${s(e['detail-type'])} on ${s(p.bus)}`;
    }
    case 'match':
      return `matched rule ${s(p.rule)}`;
    case 'delivery':
      return p.via === 'event-source-mapping'
        ? `batch of ${(p.messageIds as unknown[] | undefined)?.length ?? 0} to ${s(p.function)}: ${s(p.outcome)}`
        : `delivery to ${s(p.target)} (${s(p.rule)}): ${s(p.outcome)}${p.error ? ` - ${s(p.error)}` : ''}`;
    case 'invocation':
      return `invoked ${s(p.function)}: ${s(p.status)} in ${s(p.durationMs)} ms`;
    case 'log':
      return `${s(p.function)} log: ${s(p.message)}`;
    case 'message':
      return `queue ${s(p.queue)}: ${s(p.action)}`;
    case 'execution':
      return `execution ${s(p.name ?? p.executionArn)}: ${s(p.status)}`;
    case 'state':
      return `state ${s(p.name ?? p.state)}: ${s(p.type ?? p.status)}`;
    case 'pipe':
      return `pipe ${s(p.pipe)}: ${s(p.stage)}`;
    default:
      return `${r.kind} ${s(p.message ?? '')}`;
  }
}
