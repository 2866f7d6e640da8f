// Replays: StartReplay re-sends an archive's events from a time window to the archive's bus, each
// with `replay-name` added, limited to the rules in FilterArns when given; replayed events are never
// archived again (docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html).
// Unlike AWS, the archive holds an event as soon as it is committed, and a replay runs at once.
import type { Clock } from '../../shared/clock.js';
import type { BusArchives } from '../../store/bus-archives.js';
import type { BusResources } from '../../store/bus-resources.js';
import type { TraceHub } from '../../trace/hub.js';
import type { Catalog } from './catalog.js';
import { withReplayName } from './envelope.js';
import { archiveNotFound, busNotFound, limitExceeded, replayNotFound, validation } from './errors.js';
import type { Replay } from './model.js';
import { busNameOf, parseEventsArn, replayArn, type ArnScope } from './names.js';
import { AwsError } from '../../shared/aws-error.js';

/** Events re-sent per step; a replay yields between steps so it can be cancelled. */
const STEP = 200;
/** AWS allows 10 replays in progress per account. */
const MAX_ACTIVE = 10;

/** What replays need. */
export interface ReplayDeps {
  scope: ArnScope;
  catalog: Catalog;
  resources: BusResources;
  archives: BusArchives;
  clock: Clock;
  trace: TraceHub;
  publish(busName: string, envelopes: string[], replayName: string, only: string[]): void;
}

/** StartReplay's input, decoded. */
export interface StartReplayInput {
  name: string;
  description?: string;
  sourceArn: string;
  eventStartTime: number;
  eventEndTime: number;
  destinationArn: string;
  filterArns: string[];
}

/** Runs and records replays. */
export class ReplayManager {
  private readonly replays = new Map<string, Replay>();
  private disposed = false;

  constructor(private readonly deps: ReplayDeps) {
    for (const replay of deps.resources.list<Replay>('replay')) this.replays.set(replay.name, replay);
  }

  /** Continues replays a crash interrupted (from the start: delivery is at-least-once). */
  resume(): void {
    for (const replay of this.replays.values()) {
      if (replay.state === 'STARTING' || replay.state === 'RUNNING') void this.run(replay);
      if (replay.state === 'CANCELLING') this.finish(replay, 'CANCELLED');
    }
  }

  /** Validates and starts a replay, in AWS's order of checks (see api-errors.json). */
  start(input: StartReplayInput): Replay {
    const archiveName = parseEventsArn(input.sourceArn)?.path.join('/') ?? input.sourceArn;
    if (input.eventStartTime >= input.eventEndTime) {
      throw validation(
        'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
      );
    }
    const archive = this.deps.catalog.archive(archiveName);
    if (!archive)
      throw validation(
        `Parameter EventSourceArn is not valid. Reason: ${archiveNotFound(archiveName).message}`,
      );
    const destination = busNameOf(input.destinationArn);
    if (!this.deps.catalog.bus(destination)) throw busNotFound(destination);
    if (destination !== archive.busName) {
      throw validation(
        'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
      );
    }
    if (this.replays.has(input.name)) {
      throw new AwsError('ResourceAlreadyExistsException', `Replay ${input.name} already exists.`);
    }
    const active = [...this.replays.values()].filter((r) =>
      ['STARTING', 'RUNNING', 'CANCELLING'].includes(r.state),
    );
    if (active.length >= MAX_ACTIVE) throw limitExceeded();
    const replay: Replay = {
      name: input.name,
      arn: replayArn(this.deps.scope, input.name),
      archiveName,
      sourceArn: archive.arn,
      description: input.description,
      destinationArn: input.destinationArn,
      filterArns: input.filterArns,
      eventStartTime: input.eventStartTime,
      eventEndTime: input.eventEndTime,
      state: 'STARTING',
      startedAt: this.deps.clock.now(),
      total: 0,
      replayed: 0,
      deliveries: 0,
      failures: 0,
    };
    this.save(replay);
    const started = { ...replay };
    setImmediate(() => void this.run(replay));
    return started;
  }

  /** A replay by name. */
  get(name: string): Replay {
    const replay = this.replays.get(name);
    if (!replay) throw replayNotFound(name);
    return replay;
  }

  /** Every replay. */
  list(): Replay[] {
    return [...this.replays.values()];
  }

  /** Counts a replayed event's delivery (kept in memory; the counters are eddy's, not AWS's). */
  count(name: string, delivered: boolean): void {
    const replay = this.replays.get(name);
    if (!replay) return;
    if (delivered) replay.deliveries = (replay.deliveries ?? 0) + 1;
    else replay.failures = (replay.failures ?? 0) + 1;
  }

  /** Asks a running replay to stop. */
  cancel(name: string): Replay {
    const replay = this.get(name);
    if (!['STARTING', 'RUNNING'].includes(replay.state)) {
      throw validation(`Replay ${name} is not in a state that can be cancelled.`);
    }
    replay.state = 'CANCELLING';
    this.save(replay);
    return replay;
  }

  /** Stops running replays (their state is resumed on the next start). */
  dispose(): void {
    this.disposed = true;
  }

  private async run(replay: Replay): Promise<void> {
    if (this.disposed) return;
    const archive = this.deps.catalog.archive(replay.archiveName);
    if (!archive) return this.finish(replay, 'FAILED', 'The archive was deleted.');
    if (replay.state === 'CANCELLING') return this.finish(replay, 'CANCELLED');
    replay.state = 'RUNNING';
    this.save(replay);
    const events = this.deps.archives.between(replay.archiveName, replay.eventStartTime, replay.eventEndTime);
    replay.total = events.length;
    replay.replayed = 0;
    this.deps.trace.publish({
      kind: 'replay',
      traceId: replay.name,
      resource: replay.arn,
      payload: { replay: replay.name, archive: replay.archiveName, state: 'RUNNING', total: replay.total },
    });
    for (let i = 0; i < events.length; i += STEP) {
      if (this.disposed) return;
      if ((replay.state as string) === 'CANCELLING') return this.finish(replay, 'CANCELLED');
      const step = events.slice(i, i + STEP);
      const envelopes = step.map((e) => JSON.stringify(withReplayName(JSON.parse(e.envelope), replay.name)));
      this.deps.publish(archive.busName, envelopes, replay.name, replay.filterArns);
      replay.replayed += step.length;
      replay.lastReplayedTime = step[step.length - 1].time;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.finish(replay, 'COMPLETED');
  }

  private finish(replay: Replay, state: Replay['state'], reason?: string): void {
    replay.state = state;
    replay.stateReason = reason;
    replay.endedAt = this.deps.clock.now();
    this.save(replay);
    this.deps.trace.publish({
      kind: 'replay',
      traceId: replay.name,
      resource: replay.arn,
      payload: {
        replay: replay.name,
        archive: replay.archiveName,
        state,
        total: replay.total,
        replayed: replay.replayed,
        ...(reason ? { reason } : {}),
      },
    });
  }

  private save(replay: Replay): void {
    this.replays.set(replay.name, replay);
    if (!this.disposed) this.deps.resources.put('replay', replay.name, replay);
  }
}
