// A compact, exact form of Step Functions history events, for the stored history pages and the trace
// log: a 1,000-state execution has 2,000 events, nearly all alike (consecutive ids, one shared clock
// reading, a state's name and input or output text), and serializing them is most of what storing an
// execution costs. This form is about a third of the events' JSON and decodes to equal events, with
// their properties in the same order.

/** A history event as stored: AWS's four common fields, then its details under their own key. */
export interface StoredEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/**
 * Events packed: `t` their types, `e` two entries per event. The first is the index of its type in
 * `t` when the event follows the previous one (id + 1, previousEventId its id - 1, same timestamp), or
 * `[id, previousEventId, timestamp, typeIndex]`, or the whole event when it is not shaped like the
 * engine's. The second is 0 (no details), `[0, name, input]` or `[1, name, output]` (a state's Entered
 * or Exited details, untruncated), or `{ <detailsKey>: details }`.
 */
export interface PackedEvents {
  t: string[];
  e: (number | [number, number, number, number] | [0 | 1, string, string] | Record<string, unknown>)[];
}

const ENTERED = 'stateEnteredEventDetails';
const EXITED = 'stateExitedEventDetails';

/** The packed form of `events` (plain data: JSON.stringify it to store it). */
export function packEvents(events: readonly object[]): PackedEvents {
  const t: string[] = [];
  const types = new Map<string, number>();
  const e: PackedEvents['e'] = [];
  let id = NaN;
  let time = NaN;
  for (const item of events) {
    const event = item as StoredEvent;
    const key = detailsKeyOf(event);
    if (key === false) {
      // Not shaped like an engine's event: kept whole, so it reads back exactly as it was.
      e.push({ ...event }, 0);
      id = NaN;
      continue;
    }
    let type = types.get(event.type);
    if (type === undefined) {
      type = t.push(event.type) - 1;
      types.set(event.type, type);
    }
    if (event.id === id + 1 && event.previousEventId === id && event.timestamp === time) e.push(type);
    else e.push([event.id, event.previousEventId, (time = event.timestamp), type]);
    id = event.id;
    e.push(key === undefined ? 0 : body(event, key));
  }
  return { t, e };
}

const COMMON = ['id', 'previousEventId', 'timestamp', 'type'];

/**
 * The key of the event's details: undefined when it has none, false when it is not an engine's event
 * (the common four first, of their types, then at most one more property).
 */
function detailsKeyOf(event: StoredEvent): string | undefined | false {
  let i = 0;
  let key: string | undefined;
  for (const k in event) {
    if (i < 4) {
      if (k !== COMMON[i]) return false;
    } else if (i === 4) key = k;
    else return false;
    i++;
  }
  if (i < 4) return false;
  if (typeof event.id !== 'number' || typeof event.previousEventId !== 'number') return false;
  if (typeof event.timestamp !== 'number' || typeof event.type !== 'string') return false;
  return key;
}

/** The second entry of an event with details under `key`. */
function body(event: StoredEvent, key: string): PackedEvents['e'][number] {
  const details = event[key] as Record<string, unknown>;
  if (key === ENTERED && isStateDetails(details, 'input', 'inputDetails'))
    return [0, details.name as string, details.input as string];
  if (key === EXITED && isStateDetails(details, 'output', 'outputDetails'))
    return [1, details.name as string, details.output as string];
  return { [key]: details };
}

/** Whether `details` is exactly `{ name, <text>, <flags>: { truncated: false } }`, in this order. */
function isStateDetails(details: Record<string, unknown>, text: string, flags: string): boolean {
  if (typeof details !== 'object' || details === null) return false;
  if (typeof details.name !== 'string' || typeof details[text] !== 'string') return false;
  const truncation = details[flags] as Record<string, unknown> | undefined;
  if (typeof truncation !== 'object' || truncation === null || truncation.truncated !== false) return false;
  // Key order shows in JSON: only the order the engine builds them in is packed.
  let i = 0;
  for (const k in details) {
    if (i > 2 || k !== (i === 0 ? 'name' : i === 1 ? text : flags)) return false;
    i++;
  }
  for (const k in truncation) if (k !== 'truncated') return false;
  return i === 3;
}

/** The events `packEvents` packed, equal to the originals. */
export function unpackEvents<T extends StoredEvent = StoredEvent>(packed: PackedEvents): T[] {
  const { t, e } = packed;
  const events: T[] = [];
  let id = 0;
  let time = 0;
  for (let i = 0; i < e.length; i += 2) {
    const head = e[i];
    let previous: number;
    let type: string;
    if (typeof head === 'number') {
      previous = id;
      id++;
      type = t[head];
    } else if (Array.isArray(head)) {
      const [eventId, previousEventId, timestamp, index] = head as [number, number, number, number];
      id = eventId;
      previous = previousEventId;
      time = timestamp;
      type = t[index];
    } else {
      events.push({ ...head } as T);
      continue;
    }
    const event: StoredEvent = { id, previousEventId: previous, timestamp: time, type };
    const rest = e[i + 1];
    if (Array.isArray(rest)) {
      const [exited, name, text] = rest as [0 | 1, string, string];
      if (exited === 1) event[EXITED] = { name, output: text, outputDetails: { truncated: false } };
      else event[ENTERED] = { name, input: text, inputDetails: { truncated: false } };
    } else if (rest !== 0) Object.assign(event, rest);
    events.push(event as T);
  }
  return events;
}
