// Event load: PutEvents bursts on the crash bus, a fifth of them for the failing target (they must end
// in the DLQ), the rest for the SQS sink; and the consumer that reads both queues. Replayed copies
// (they carry `replay-name`) are booked to their replay instead.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Message } from '@aws-sdk/client-sqs';
import { Ledger } from '../ledger.js';
import { NAMES } from '../project.js';
import { between } from '../rng.js';
import { queueUrl } from './clients.js';
import { repeat, type LoadContext } from './loop.js';
import { receiveAndDelete } from './receive.js';

/** One acknowledged event for the SQS sink, with the client's clock around its PutEvents call. */
export interface AckedEvent {
  id: string;
  sentAt: number;
  ackedAt: number;
}

/** What the event load produced and saw. */
export class EventWork {
  /** Events for the SQS sink rule. */
  readonly delivered = new Ledger();
  /** Events for the failing function: they must reach the DLQ. */
  readonly deadLettered = new Ledger();
  /** Acknowledged sink events in order, for replay windows. */
  readonly sinkAcks: AckedEvent[] = [];
  /** Replay name → ids of the replayed events that reached the sink. */
  readonly replayed = new Map<string, Set<string>>();
}

/** Puts bursts of 1–10 events until producing stops. */
export function produceEvents(ctx: LoadContext, work: EventWork): Promise<void> {
  let n = 0;
  return repeat(
    () => !ctx.producing(),
    async () => {
      const entries = Array.from({ length: between(ctx.rng, 1, 10) }, () => {
        const kind = ctx.rng() < 0.2 ? 'fail' : 'ok';
        return { id: `${ctx.prefix}-e${n++}`, kind };
      });
      const sentAt = Date.now();
      const out = await ctx.clients.events.send(
        new PutEventsCommand({
          Entries: entries.map((detail) => ({
            EventBusName: NAMES.bus,
            Source: 'crash',
            DetailType: 'Load',
            Detail: JSON.stringify(detail),
          })),
        }),
      );
      const ackedAt = Date.now();
      out.Entries!.forEach((entry, i) => {
        if (!entry.EventId) return;
        const { id, kind } = entries[i];
        if (kind === 'fail') work.deadLettered.ack(id);
        else {
          work.delivered.ack(id);
          work.sinkAcks.push({ id, sentAt, ackedAt });
        }
      });
    },
    between(ctx.rng, 5, 40),
    ctx.restarted,
  );
}

/** Reads the sink and the DLQ until the scenario ends, booking every event it finds. */
export function consumeEvents(ctx: LoadContext, work: EventWork): Promise<void> {
  const envelope = (m: Message) => JSON.parse(m.Body!) as Envelope;
  const sink = {
    seen(m: Message) {
      const event = envelope(m);
      const replay = event['replay-name'];
      if (!replay) return work.delivered.deliver(event.detail.id);
      if (!work.replayed.has(replay)) work.replayed.set(replay, new Set());
      work.replayed.get(replay)!.add(event.detail.id);
    },
    settled(m: Message) {
      const event = envelope(m);
      if (!event['replay-name']) work.delivered.settle(event.detail.id);
    },
  };
  const dlq = {
    seen: (m: Message) => work.deadLettered.deliver(envelope(m).detail.id),
    settled: (m: Message) => work.deadLettered.settle(envelope(m).detail.id),
  };
  return Promise.all([
    repeat(
      ctx.finished,
      () => receiveAndDelete(ctx.clients, queueUrl(ctx.clients, NAMES.sinkQueue), sink),
      0,
      ctx.restarted,
    ),
    repeat(
      ctx.finished,
      () => receiveAndDelete(ctx.clients, queueUrl(ctx.clients, NAMES.dlq), dlq),
      0,
      ctx.restarted,
    ),
  ]).then(() => undefined);
}

interface Envelope {
  'replay-name'?: string;
  detail: { id: string };
}
