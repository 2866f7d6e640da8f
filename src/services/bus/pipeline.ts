// From the journal to deliveries: each committed event is matched against its bus's rules (or, for a
// scheduled event, sent straight to its rule), each matching target's input is computed, and the
// deliveries are recorded in the same transaction that marks the event done, so a crash in between
// repeats the step instead of losing it.
import { applyTargetInput } from '../../transform/index.js';
import type { TargetModel } from '../../template/model.js';
import type { BusDeliveries, DeliveryRow } from '../../store/bus-deliveries.js';
import type { BusJournal } from '../../store/bus-journal.js';
import type { TraceHub } from '../../trace/hub.js';
import type { Catalog } from './catalog.js';
import type { Rule } from './model.js';
import type { DeliveryTarget } from './targets.js';

/** How a journal event picks its rules: replays may be limited to some rules; scheduled events name one. */
export interface EventRouting {
  /** Only these rule ARNs (replay FilterArns). */
  only?: string[];
  /** Deliver to this rule's targets without matching (scheduled events). */
  direct?: string;
  /** The trace the event continues (a handler's X-Amzn-Trace-Id); the event id otherwise. */
  traceId?: string;
}

/** A committed event waiting to be matched. */
export interface QueuedEvent {
  seq: number;
  id: string;
  bus: string;
  /** Ingestion time, epoch ms. */
  time: number;
  envelope: string;
  event: Record<string, unknown>;
  routing?: EventRouting;
}

/** A recorded delivery with its target configuration still parsed (the worker need not parse it). */
export type RoutedDelivery = DeliveryRow & { parsedTarget?: DeliveryTarget };

/** What the pipeline needs. */
export interface PipelineDeps {
  catalog: Catalog;
  journal: BusJournal;
  deliveries: BusDeliveries;
  trace: TraceHub;
  now(): number;
  /** The rule a scheduled event goes to, by ARN. */
  ruleByArn(arn: string): Rule | undefined;
}

/** Matches a batch of events and records their deliveries; returns the deliveries to run. */
export function routeEvents(deps: PipelineDeps, batch: QueuedEvent[]): RoutedDelivery[] {
  const rows: RoutedDelivery[] = [];
  const configs = new Map<TargetModel, { value: DeliveryTarget; text: string }>();
  const matches: { event: QueuedEvent; rule: Rule }[] = [];
  const drops: { event: QueuedEvent; rule: Rule; target: TargetModel; reason: string }[] = [];
  const now = deps.now();
  deps.journal.transaction(() => {
    for (const event of batch) {
      for (const rule of rulesFor(deps, event)) {
        matches.push({ event, rule });
        const context = {
          ruleName: rule.name,
          ruleArn: rule.arn,
          ingestionTime: new Date(event.time).toISOString(),
        };
        for (const target of rule.targets) {
          const input = applyTargetInput(target, event.event, context);
          if ('dropped' in input) {
            drops.push({ event, rule, target, reason: input.reason });
            continue;
          }
          const replay = event.event['replay-name'];
          // Events of one batch mostly go to the same targets: each configuration is serialized once.
          let config = typeof replay === 'string' ? undefined : configs.get(target);
          if (!config) {
            const value = deliveryTarget(rule, target, replay);
            config = { value, text: JSON.stringify(value) };
            if (typeof replay !== 'string') configs.set(target, config);
          }
          const row: RoutedDelivery = deps.deliveries.add({
            eventSeq: event.seq,
            traceId: traceOf(event),
            ruleArn: rule.arn,
            target: config.text,
            payload: input.payload,
            firstAt: now,
          });
          row.parsedTarget = config.value;
          rows.push(row);
        }
      }
      deps.journal.done(event.seq);
    }
    // Trace records share the transaction: one commit per batch of events.
    for (const { event, rule } of matches) {
      deps.trace.publish({
        kind: 'match',
        traceId: traceOf(event),
        resource: rule.arn,
        payload: {
          rule: rule.name,
          bus: rule.busName,
          eventId: event.id,
          targets: rule.targets.map((t) => t.id),
          summary: `rule ${rule.name} matched → ${rule.targets.map((t) => t.id).join(', ') || 'no targets'}`,
        },
      });
    }
    for (const { event, rule, target, reason } of drops) {
      deps.trace.publish({
        kind: 'delivery',
        traceId: traceOf(event),
        resource: target.arn,
        payload: {
          rule: rule.name,
          ruleArn: rule.arn,
          target: target.id,
          targetArn: target.arn,
          outcome: 'skipped',
          error: reason,
          summary: `${target.id}: nothing delivered (${reason})`,
        },
      });
    }
  });
  return rows;
}

/** The trace id of an event's records and deliveries. */
export function traceOf(event: Pick<QueuedEvent, 'id' | 'routing'>): string {
  return event.routing?.traceId ?? event.id;
}

function rulesFor(deps: PipelineDeps, event: QueuedEvent): Rule[] {
  const routing = event.routing;
  if (routing?.direct) {
    const rule = deps.ruleByArn(routing.direct);
    return rule && rule.state !== 'DISABLED' ? [rule] : [];
  }
  const matched = deps.catalog.match(event.bus, event.event);
  if (!routing?.only || routing.only.length === 0) return matched;
  return matched.filter((rule) => routing.only!.includes(rule.arn));
}

/** The target's configuration a delivery keeps. */
export function deliveryTarget(rule: Rule, target: TargetModel, replay?: unknown): DeliveryTarget {
  return {
    id: target.id,
    arn: target.arn,
    ruleName: rule.name,
    ruleArn: rule.arn,
    busName: rule.busName,
    retryPolicy: target.retryPolicy,
    deadLetterArn: target.deadLetterArn,
    messageGroupId: target.messageGroupId,
    httpParameters: target.httpParameters,
    ...(typeof replay === 'string' ? { replay } : {}),
  };
}
