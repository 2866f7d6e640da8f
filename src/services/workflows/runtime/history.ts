// Execution history: AWS's event types and detail fields, appended as the run proceeds and readable
// as a list, through listeners, or as an async iterable (the API, `eddy tail` and tests share it).
import { jsonText } from './json-text.js';

/** One history event, shaped like GetExecutionHistory's `events[]` (timestamp in epoch ms). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** A function told about each new event. */
export type HistoryListener = (event: HistoryEvent) => void;

// Event types are few and every state adds two events: each type's key is worked out once.
const keys = new Map<string, string | undefined>();

/** The detail key AWS uses for each event type, e.g. TaskStateEntered → stateEnteredEventDetails. */
export function detailsKey(type: string): string | undefined {
  if (keys.has(type)) return keys.get(type);
  const key = computeDetailsKey(type);
  keys.set(type, key);
  return key;
}

function computeDetailsKey(type: string): string | undefined {
  if (/StateEntered$/.test(type)) return 'stateEnteredEventDetails';
  if (/StateExited$/.test(type)) return 'stateExitedEventDetails';
  const special: Record<string, string> = {
    MapStateStarted: 'mapStateStartedEventDetails',
    MapIterationStarted: 'mapIterationStartedEventDetails',
    MapIterationSucceeded: 'mapIterationSucceededEventDetails',
    MapIterationFailed: 'mapIterationFailedEventDetails',
    MapIterationAborted: 'mapIterationAbortedEventDetails',
    MapRunStarted: 'mapRunStartedEventDetails',
    MapRunFailed: 'mapRunFailedEventDetails',
    EvaluationFailed: 'evaluationFailedEventDetails',
  };
  if (special[type]) return special[type];
  if (/^(MapState|ParallelState)(Succeeded|Aborted|Started)$/.test(type)) return undefined;
  if (type === 'MapStateFailed' || type === 'ParallelStateFailed') return undefined;
  // ExecutionStarted → executionStartedEventDetails, TaskScheduled → taskScheduledEventDetails, ...
  return type[0].toLowerCase() + type.slice(1) + 'EventDetails';
}

// Reading the clock can cost a system call (330 ns measured in a sandbox: more than a whole Pass
// state). While the interpreter runs synchronous states in a row it lets their events share one
// reading (`shareTime`), renewed every TIME_REUSES events, so an event's time is at most the work of
// 256 events' synchronous states old (tens of microseconds, below the millisecond timestamps' resolution);
// everything else reads the clock.
const TIME_REUSES = 256;

// Engine events never carry truncated payloads; one frozen object serves every state event.
const NOT_TRUNCATED = Object.freeze({ truncated: false });

/** Appends events and publishes them. */
export class History {
  readonly events: HistoryEvent[] = [];
  // Created by the first listen(): an engine-only run has no listener.
  private listeners: Set<HistoryListener> | undefined = undefined;
  private waiters: (() => void)[] = [];
  private closed = false;
  // Starts as undefined so the field holds any value: a number-only field would box a new copy of
  // the number on each read, an allocation per event.
  private stamp: number | undefined = undefined;
  private stampUses = 0;
  private sharing = false;
  // The last added event's timestamp (undefined until an event is added here): read once per state,
  // where indexing the last event costs more than the field.
  private lastStamp: number | undefined = undefined;

  constructor(
    private readonly now: () => number,
    startId = 0,
  ) {
    this.nextId = startId + 1;
  }

  private nextId: number;

  /** Appends an event of `type` with `details` (under AWS's detail key); returns its id. */
  add(type: string, details?: Record<string, unknown>, previousEventId?: number): number {
    return this.addKeyed(type, details && detailsKey(type), details, previousEventId);
  }

  /** `add` for callers that know the event type's detail key (`detailsKey(type)`) already. */
  addKeyed(
    type: string,
    key: string | undefined,
    details?: Record<string, unknown>,
    previousEventId?: number,
  ): number {
    const id = this.nextId++;
    const timestamp = this.stampEvent();
    const event: HistoryEvent = { id, previousEventId: previousEventId ?? id - 1, timestamp, type };
    if (details && key) event[key] = details;
    this.append(event);
    return id;
  }

  /** A state's Entered event: `type` is e.g. PassStateEntered, `input` the input's JSON text. */
  addEntered(type: string, name: string, input: string): number {
    const id = this.nextId++;
    const timestamp = this.stampEvent();
    // Every state adds one Entered and one Exited event: each is built as one literal of a fixed shape,
    // cheaper than adding the detail key afterwards (property order, which shows in JSON, is AWS's).
    const details = { name, input, inputDetails: NOT_TRUNCATED };
    this.append({ id, previousEventId: id - 1, timestamp, type, stateEnteredEventDetails: details });
    return id;
  }

  /** A state's Exited event: `type` is e.g. PassStateExited, `output` the output's JSON text. */
  addExited(type: string, name: string, output: string): number {
    const id = this.nextId++;
    const timestamp = this.stampEvent();
    const details = { name, output, outputDetails: NOT_TRUNCATED };
    this.append({ id, previousEventId: id - 1, timestamp, type, stateExitedEventDetails: details });
    return id;
  }

  private stampEvent(): number {
    const timestamp = this.time();
    this.lastStamp = timestamp;
    return timestamp;
  }

  private append(event: HistoryEvent): void {
    this.events.push(event);
    if (this.listeners !== undefined && this.listeners.size > 0)
      for (const listener of this.listeners) listener(event);
    if (this.waiters.length > 0) this.wake();
  }

  /**
   * Whether events may reuse the last clock reading: on only while synchronous states run in a row
   * (the caller turns it off before anything that can wait, and when it stops).
   */
  shareTime(on: boolean): void {
    this.sharing = on;
    if (!on) this.stampUses = 0;
  }

  private time(): number {
    if (this.stampUses > 0) {
      this.stampUses--;
      return this.stamp as number;
    }
    this.stamp = this.now();
    if (this.sharing) this.stampUses = TIME_REUSES - 1;
    return this.stamp;
  }

  /** The id of the last event added (0 when none). */
  get lastId(): number {
    return this.nextId - 1;
  }

  /** The timestamp of the last event added (epoch ms). */
  get lastTimestamp(): number {
    // Events pushed by a resumed execution have no lastStamp yet.
    return this.lastStamp ?? this.events[this.events.length - 1].timestamp;
  }

  /** Calls `listener` for every future event; returns the unsubscribe function. */
  listen(listener: HistoryListener): () => void {
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Ends iteration after the events already added. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Every event, past and future, until the execution ends. */
  async *[Symbol.asyncIterator](): AsyncIterator<HistoryEvent> {
    let index = 0;
    for (;;) {
      while (index < this.events.length) yield this.events[index++];
      if (this.closed) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

/** The `*Details` payload fields AWS attaches to inputs and outputs. */
export function payload(field: 'input' | 'output', value: unknown): Record<string, unknown> {
  // Two literal shapes instead of computed keys: this runs twice per state.
  return field === 'input'
    ? { input: jsonText(value), inputDetails: { truncated: false } }
    : { output: jsonText(value), outputDetails: { truncated: false } };
}
