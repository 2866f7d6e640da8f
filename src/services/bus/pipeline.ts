// From the journal to deliveries: each committed event is matched against its bus's rules (or, for a
// scheduled event, sent straight to its rule) and each matching target's input is computed. The
// deliveries start in memory: only one that must wait for a retry is stored (bus_deliveries), and the
// event is marked done once each of its deliveries succeeded, failed for good or was stored. A crash
// before that leaves the event pending, and the restart routes it again (at-least-once), so the common
// case writes no delivery row at all.
import { isoTime } from '../../shared/iso-time.js';
import { applyTargetInput } from '../../transform/index.js';
import type { TargetModel } from '../../template/model.js';
import type { TraceHub } from '../../trace/hub.js';
import type { DeliveryRow } from '../../store/bus-deliveries.js';
import type { Catalog } from './catalog.js';
import type { DeliveryJob, EventTicket } from './delivery.js';
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
  /** Whether `envelope` is exactly JSON.stringify(event) (built normalised by PutEvents). */
  normalised?: boolean;
  routing?: EventRouting;
  /**
   * `ruleArn targetId` of deliveries already stored for this event (a restart found the event pending
   * and some of its deliveries waiting for a retry): routed again, those are not doubled.
   */
  stored?: Set<string>;
}

const deliveryKey = (ruleArn: string, targetId: string) => `${ruleArn} ${targetId}`;

/** Per journal event, the deliveries of it already stored (for QueuedEvent.stored). */
export function storedDeliveries(rows: readonly DeliveryRow[]): Map<number, Set<string>> {
  const stored = new Map<number, Set<string>>();
  for (const row of rows) {
    const id = (JSON.parse(row.target) as { id: string }).id;
    const keys = stored.get(row.eventSeq) ?? new Set<string>();
    keys.add(deliveryKey(row.ruleArn, id));
    stored.set(row.eventSeq, keys);
  }
  return stored;
}

/** What routing a batch produced: deliveries to run, and events with none (done at once). */
export interface Routed {
  jobs: DeliveryJob[];
  done: number[];
}

/** What the pipeline needs. */
export interface PipelineDeps {
  catalog: Catalog;
  trace: TraceHub;
  now(): number;
  /** The rule a scheduled event goes to, by ARN. */
  ruleByArn(arn: string): Rule | undefined;
}

/** Matches a batch of committed events; returns their deliveries (in memory) and the events with none. */
export function routeEvents(deps: PipelineDeps, batch: QueuedEvent[]): Routed {
  const jobs: DeliveryJob[] = [];
  const done: number[] = [];
  const configs = new Map<TargetModel, { value: DeliveryTarget; text: string }>();
  // A rule's target ids and match summary are the same for every event of the batch it matches.
  const matched = new Map<Rule, { targets: string[]; summary: string }>();
  const now = deps.now();
  for (const event of batch) {
    const ticket: EventTicket = { seq: event.seq, left: 0 };
    const traceId = traceOf(event);
    for (const rule of rulesFor(deps, event)) {
      let match = matched.get(rule);
      if (!match) {
        const targets = rule.targets.map((t) => t.id);
        match = { targets, summary: `rule ${rule.name} matched → ${targets.join(', ') || 'no targets'}` };
        matched.set(rule, match);
      }
      deps.trace.publish({
        kind: 'match',
        traceId,
        resource: rule.arn,
        payload: {
          rule: rule.name,
          bus: rule.busName,
          eventId: event.id,
          targets: match.targets,
          summary: match.summary,
        },
      });
      for (const target of rule.targets) {
        if (event.stored?.has(deliveryKey(rule.arn, target.id))) continue;
        // A target that takes the whole event gets the envelope text when it is the serialized event.
        const input =
          event.normalised && takesWholeEvent(target)
            ? { payload: event.envelope }
            : applyTargetInput(target, event.event, {
                ruleName: rule.name,
                ruleArn: rule.arn,
                ingestionTime: isoTime(event.time),
              });
        if ('dropped' in input) {
          skipped(deps, traceId, rule, target, input.reason);
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
        ticket.left++;
        jobs.push({
          id: 0,
          eventSeq: event.seq,
          traceId,
          ruleArn: rule.arn,
          target: config.text,
          payload: input.payload,
          firstAt: now,
          attempts: 0,
          nextAt: now,
          parsedTarget: config.value,
          envelope: event.envelope,
          event: ticket,
        });
      }
    }
    if (ticket.left === 0) done.push(event.seq);
  }
  return { jobs, done };
}

/** Whether the target has no Input, InputPath or InputTransformer (it receives the event as is). */
function takesWholeEvent(target: TargetModel): boolean {
  return (
    target.input === undefined && target.inputPath === undefined && target.inputTransformer === undefined
  );
}

/** A target's input transformer dropped the event: nothing is delivered (a trace record says why). */
function skipped(deps: PipelineDeps, traceId: string, rule: Rule, target: TargetModel, reason: string) {
  deps.trace.publish({
    kind: 'delivery',
    traceId,
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
