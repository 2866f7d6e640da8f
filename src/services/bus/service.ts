// The local EventBridge: buses, rules, targets, archives, replays and schedules. PutEvents commits the
// events to the journal before it answers; matching and delivery run after, from the journal, so a
// crash loses no acknowledged event and a restart resumes what was pending (at-least-once).
import { randomUUID } from 'node:crypto';
import { busFamily } from '../../store/bus-schema.js';
import { BusArchives } from '../../store/bus-archives.js';
import { BusDeliveries } from '../../store/bus-deliveries.js';
import { BusJournal, type JournalInput } from '../../store/bus-journal.js';
import { BusResources } from '../../store/bus-resources.js';
import type { TimerHandle } from '../../shared/clock.js';
import type { AppModel } from '../../template/model.js';
import type { ResourceSummary, Service, ServiceContext, TargetCallOptions } from '../core/service.js';
import { Catalog } from './catalog.js';
import { DeliveryWorker } from './delivery.js';
import { buildEnvelope, eventOf, type EventEntry } from './envelope.js';
import { busNotFound } from './errors.js';
import type { Rule } from './model.js';
import { busNameOf, parseEventsArn, type ArnScope } from './names.js';
import { routeEvents, storedDeliveries, traceOf, type EventRouting, type QueuedEvent } from './pipeline.js';
import { ReplayManager } from './replays.js';
import { RoutePump } from './route-pump.js';
import { Scheduler } from './schedule/scheduler.js';
import { GroupCommit } from './group-commit.js';
import { HttpDestinations } from './http-destinations.js';
import { callTarget } from './targets.js';

/** How often delivered events and expired archive entries are pruned. */
const PRUNE_EVERY_MS = 3_600_000;
/** Delivered events stay in the journal this long (for `eddy tail --since` and debugging). */
const JOURNAL_KEEP_MS = 3_600_000;

/** An accepted event on its way to the journal: what routing needs, and where it is archived. */
type Staged = Omit<QueuedEvent, 'seq'> & {
  archives: string[];
  /** Name of the replay that re-sent it. */
  replay?: string;
};

/** The `events` service. */
export class BusService implements Service {
  readonly name = 'events';
  readonly arnService = 'events';
  private ctx?: ServiceContext;
  private stores?: {
    journal: BusJournal;
    deliveries: BusDeliveries;
    resources: BusResources;
    archives: BusArchives;
  };
  private catalogRef?: Catalog;
  private worker?: DeliveryWorker;
  private replayManager?: ReplayManager;
  private scheduler?: Scheduler;
  private http?: HttpDestinations;
  /** Routes committed events (set up in start()). */
  private pump?: RoutePump;
  /** PutEvents requests waiting for the next commit (one per turn of the event loop). */
  private readonly group = new GroupCommit<Staged>(
    (items) => this.commit(items),
    // Queued right behind the commit, in the same turn: the acks are written (microtasks run between
    // the two callbacks), then the events are routed with no further turn of the event loop.
    () => this.pump?.schedule(),
  );
  private schedules: AppModel['schedules'] = [];
  private pruneTimer?: TimerHandle;

  async start(context: ServiceContext): Promise<void> {
    this.ctx = context;
    context.store.migrate(busFamily);
    const db = context.store.db;
    const stores = {
      journal: new BusJournal(db),
      deliveries: new BusDeliveries(db),
      resources: new BusResources(db),
      archives: new BusArchives(db),
    };
    this.stores = stores;
    const catalog = new Catalog(this.scope, stores.resources, context.clock.now());
    catalog.loadStored();
    this.catalogRef = catalog;
    const http = new HttpDestinations(context.store, () => context.clock.now());
    this.http = http;
    const callApiDestination = (arn: string, payload: string, parameters: object) =>
      http.invoke(arn, payload, parameters);
    this.worker = new DeliveryWorker({
      router: context.router,
      trace: context.trace,
      clock: context.clock,
      deliveries: stores.deliveries,
      transaction: (fn) => stores.journal.transaction(fn),
      logger: context.logger,
      envelopeOf: (seq) => stores.journal.get(seq)?.envelope,
      markDone: (seqs) => stores.journal.doneAll(seqs),
      forwardToBus: (arn, envelope, traceId) => this.forward(arn, envelope, traceId),
      callApiDestination,
      onSettled: (target, delivered) => {
        if (target.replay) this.replayManager?.count(target.replay, delivered);
      },
      commitDue: () => this.group.pending,
    });
    const worker = this.worker;
    this.pump = new RoutePump({
      route: (batch) =>
        routeEvents(
          {
            catalog,
            trace: context.trace,
            now: () => context.clock.now(),
            ruleByArn: (arn) => catalog.rules().find((r) => r.arn === arn),
          },
          batch,
        ),
      // The first attempts start in the next check phase, in the group commit due then (under load) or
      // in one transaction of their own; their synchronous parts (a local queue's insert) share that
      // commit with the done marks of events that matched nothing.
      deliver: (routed) => {
        worker.markDone(routed.done);
        worker.schedule(routed.jobs);
      },
      warn: (message) => context.logger.warn(message),
    });
    this.replayManager = new ReplayManager({
      scope: this.scope,
      catalog,
      resources: stores.resources,
      archives: stores.archives,
      clock: context.clock,
      trace: context.trace,
      publish: (bus, envelopes, replay, only) => this.publishEnvelopes(bus, envelopes, { only }, replay),
    });
    this.scheduler = new Scheduler({
      clock: context.clock,
      logger: context.logger,
      fireRule: (rule, time) => this.fireScheduledRule(rule, time),
      trace: context.trace,
      callTarget: (target, payload, traceId) =>
        callTarget(
          {
            router: context.router,
            trace: context.trace,
            forwardToBus: (arn, envelope, id) => this.forward(arn, envelope, id),
            callApiDestination,
          },
          {
            id: target.id,
            arn: target.arn,
            ruleName: '',
            ruleArn: '',
            busName: '',
            messageGroupId: target.messageGroupId,
          },
          payload,
          () => payload,
          traceId,
        ),
    });
    this.prune();
  }

  /**
   * Resumes events committed but not yet matched, deliveries not yet finished and replays. Not in
   * start(): matched before the template's rules exist, an event would be marked done with no delivery,
   * and a delivery to a queue or function not yet applied would be dead-lettered or dropped.
   */
  resume(): void {
    const stores = this.stores!;
    const waiting = stores.deliveries.all();
    // A pending event may already have stored deliveries (a crash after the first failure of one of
    // its targets, before its other deliveries ended): routed again, it does not double them.
    const stored = storedDeliveries(waiting);
    for (const row of stores.journal.pending()) {
      const routing = row.filter ? (JSON.parse(row.filter) as EventRouting) : undefined;
      this.pump!.push([
        {
          seq: row.seq,
          id: row.id,
          bus: row.bus,
          time: row.time,
          envelope: row.envelope,
          event: JSON.parse(row.envelope),
          routing,
          stored: stored.get(row.seq),
        },
      ]);
    }
    this.worker!.schedule(waiting);
    this.replayManager!.resume();
  }

  /** Drops archived events past their archive's retention and delivered events nothing needs. */
  prune(): void {
    const { clock } = this.context;
    const now = clock.now();
    for (const archive of this.catalog.allArchives()) {
      if (archive.retentionDays > 0)
        this.stores!.archives.pruneBefore(archive.name, now - archive.retentionDays * 86_400_000);
    }
    this.stores!.journal.pruneBefore(now - JOURNAL_KEEP_MS);
    this.pruneTimer?.cancel();
    this.pruneTimer = clock.setTimer(() => this.prune(), PRUNE_EVERY_MS);
  }

  async apply(app: AppModel): Promise<void> {
    this.catalog.applyTemplate(app, this.context.clock.now());
    this.httpDestinations.applyTemplate(app, this.context.clock.now());
    this.schedules = app.schedules;
    this.refreshSchedules();
  }

  /** Re-arms schedules after rules changed (a reload, or PutRule/DeleteRule/EnableRule through the API). */
  refreshSchedules(): void {
    this.scheduler?.update(this.catalog.rules('default'), this.schedules);
  }

  async dispose(): Promise<void> {
    // Requests staged for the group commit are committed (and answered) before the store closes.
    this.group.flush();
    this.pump?.dispose();
    this.pruneTimer?.cancel();
    this.scheduler?.dispose();
    this.replayManager?.dispose();
    this.worker?.dispose();
  }

  describe(): ResourceSummary[] {
    if (!this.catalogRef) return [];
    const buses = this.catalog
      .allBuses()
      .map((b) => ({ type: 'AWS::Events::EventBus', logicalId: b.name, name: b.name }));
    const rules = this.catalog.rules().map((r) => ({
      type: 'AWS::Events::Rule',
      logicalId: r.name,
      name: r.name,
      detail: `${r.busName} → ${r.targets.map((t) => t.id).join(', ') || 'no targets'}`,
    }));
    const archives = this.catalog
      .allArchives()
      .map((a) => ({ type: 'AWS::Events::Archive', logicalId: a.name, name: a.name }));
    return [...buses, ...rules, ...archives];
  }

  /** Router calls for `arn:aws:events:...`: another bus as a target (a pipe or a workflow task). */
  async invokeTarget(arn: string, payload: unknown, options: TargetCallOptions): Promise<unknown> {
    const parsed = parseEventsArn(arn);
    // A pipe's target or enrichment: the endpoint's answer (JSON when it is JSON) is the result.
    if (parsed?.type === 'api-destination') {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const answer = await this.httpDestinations.invoke(arn, body, options.parameters);
      return parseAnswer(answer.body);
    }
    if (parsed?.type !== 'event-bus') throw busNotFound(arn);
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    this.forward(arn, text, options.traceId);
    return {};
  }

  /** The ARN region and account. */
  get scope(): ArnScope {
    const { region, accountId } = this.context.config;
    return { region, accountId };
  }

  /** Buses, rules and archives running now. */
  get catalog(): Catalog {
    if (!this.catalogRef) throw new Error('the events service has not started');
    return this.catalogRef;
  }

  /** Connections and API destinations. */
  get httpDestinations(): HttpDestinations {
    if (!this.http) throw new Error('the events service has not started');
    return this.http;
  }

  /** Archived events (counts, sizes). */
  get archiveStore(): BusArchives {
    return this.stores!.archives;
  }

  /** Replays. */
  get replays(): ReplayManager {
    return this.replayManager!;
  }

  /** Resolves when every event is matched and no delivery is running (retries waiting do not count). */
  async idle(): Promise<void> {
    while (this.group.pending || this.pump?.busy) await new Promise((r) => setImmediate(r));
    await this.worker?.idle();
  }

  /**
   * Accepts validated PutEvents entries: commits them to the journal, then answers with their ids.
   * An entry for a bus that does not exist gets an id and goes nowhere, as on AWS. Requests arriving in
   * the same turn of the event loop share one commit (group commit); each resolves only after it.
   */
  async putEvents(entries: EventEntry[]): Promise<string[]> {
    const now = this.context.clock.now();
    const ids = entries.map(() => randomUUID());
    const accepted: Staged[] = [];
    entries.forEach((entry, i) => {
      if (!this.catalog.bus(entry.busName)) return;
      const envelope = buildEnvelope(entry, ids[i], now, this.scope);
      const event = eventOf(entry, ids[i], now, this.scope, envelope);
      accepted.push({
        id: ids[i],
        bus: entry.busName,
        time: now,
        envelope,
        event,
        normalised: entry.detailValue !== undefined,
        // An event on a caller's trace keeps it in its routing (stored with it, so a restart keeps it too).
        routing: entry.traceId ? { traceId: entry.traceId } : undefined,
        archives: this.catalog.archivesFor(entry.busName, event),
      });
    });
    if (accepted.length > 0) await this.group.add(accepted);
    return ids;
  }

  /** Puts ready-made envelopes on a bus (replays, other buses as targets, schedules). */
  publishEnvelopes(busName: string, envelopes: string[], routing?: EventRouting, replay?: string): void {
    if (!this.catalog.bus(busName)) return;
    const now = this.context.clock.now();
    const staged: Staged[] = envelopes.map((envelope) => {
      const event = JSON.parse(envelope) as Record<string, unknown>;
      // Replayed events are never archived again (eb-archive.html).
      const archives = replay ? [] : this.catalog.archivesFor(busName, event);
      return { id: String(event.id), bus: busName, time: now, envelope, event, routing, replay, archives };
    });
    this.commit(staged);
  }

  private commit(queued: Staged[]): void {
    if (queued.length === 0) return;
    const inputs = queued.map((q): JournalInput => ({
      id: q.id,
      bus: q.bus,
      time: q.time,
      envelope: q.envelope,
      replay: q.replay,
      archives: q.archives,
      filter: q.routing ? JSON.stringify(q.routing) : undefined,
    }));
    const journal = this.stores!.journal;
    const trace = this.context.trace;
    // One commit for the whole group, which also records the deliveries that ended since the last one
    // (the worker's batch) and the trace records.
    const seqs = this.worker!.batch(() => {
      const appended = journal.appendAll(inputs);
      for (const q of queued) {
        trace.publish({
          kind: 'event',
          traceId: traceOf(q),
          resource: this.catalog.bus(q.bus)?.arn,
          payload: {
            bus: q.bus,
            event: q.event,
            summary: `${String(q.event.source)} ${String(q.event['detail-type'])} on ${q.bus}${q.event['replay-name'] ? ` (replay ${String(q.event['replay-name'])})` : ''}`,
          },
        });
      }
      return appended;
    });
    // Queued for matching only once committed: a rolled-back event must not be routed. The staged
    // objects are not used again, so each takes its sequence number instead of being copied.
    this.pump!.push(queued.map((q, i) => Object.assign(q, { seq: seqs[i] })));
  }

  private forward(busArn: string, envelope: string, traceId?: string): void {
    const name = busNameOf(busArn);
    if (!this.catalog.bus(name)) throw busNotFound(name);
    // The event stays on the trace of what sent it (a rule on another bus, a pipe, a workflow task).
    this.publishEnvelopes(name, [envelope], traceId ? { traceId } : undefined);
  }

  private fireScheduledRule(rule: Rule, time: number): void {
    const id = randomUUID();
    const envelope = buildEnvelope(
      {
        source: 'aws.events',
        detailType: 'Scheduled Event',
        detail: '{}',
        resources: [rule.arn],
        time,
        busName: rule.busName,
      },
      id,
      time,
      this.scope,
    );
    this.publishEnvelopes(rule.busName, [envelope], { direct: rule.arn });
  }

  private get context(): ServiceContext {
    if (!this.ctx) throw new Error('the events service has not started');
    return this.ctx;
  }
}

/** An endpoint's answer as a pipe sees it: JSON when it is JSON, the text otherwise, nothing when empty. */
function parseAnswer(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
