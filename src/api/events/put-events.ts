// PutEvents: AWS's request checks (1–10 entries, the 256 KB total), per-entry checks answered in
// order as `Entries[].ErrorCode` with HTTP 200, and the accepted entries committed before answering.
// Size per entry as docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html computes it.
import { jsonDepth } from '../json-protocol.js';
import { AwsError, serializationError } from '../../shared/aws-error.js';
import type { BusService } from '../../services/bus/service.js';
import { busNameOf } from '../../services/bus/names.js';
import type { EventEntry } from '../../services/bus/envelope.js';
import { traceIdOfHeader } from '../../trace/xray-header.js';
import { timestamp, Violations } from './validation.js';

/** The request size limit; eddy's default is AWS's 256 KB. */
export const MAX_PUT_EVENTS_BYTES = 256 * 1024;

/** AWS nests JSON in Detail at most this deep (deeper is "Detail is malformed."). */
const MAX_DETAIL_DEPTH = 512;

type Entry = Record<string, unknown>;
type Answer = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** Serves PutEvents; resolves once the accepted entries are committed to the journal. */
export async function putEvents(
  bus: BusService,
  input: Record<string, unknown>,
  maxBytes = MAX_PUT_EVENTS_BYTES,
  /** The caller's X-Amzn-Trace-Id (the SDK sends it from inside a handler eddy invoked). */
  traceHeader?: unknown,
) {
  const entries = input.Entries;
  if (!Array.isArray(entries)) new Violations().add(null, 'entries', 'Member must not be null').throwIfAny();
  const list = entries as Entry[];
  // A list member that is no JSON object fails AWS's deserializer (it once crashed entrySize: a 500).
  if (list.some((e) => e === null || typeof e !== 'object' || Array.isArray(e))) throw serializationError();
  if (list.length < 1)
    new Violations().add('[]', 'entries', 'Member must have length greater than or equal to 1').throwIfAny();
  if (list.length > 10) {
    new Violations()
      .add(
        `[${list.map(javaEntry).join(', ')}]`,
        'entries',
        'Member must have length less than or equal to 10',
      )
      .throwIfAny();
  }
  const size = list.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (size > maxBytes) {
    throw new AwsError('ValidationException', 'Total size of the entries in the request is over the limit.');
  }
  const callerTrace = traceIdOfHeader(traceHeader);
  const answers: (Answer | EventEntry)[] = list.map((entry) => {
    const checked = checkEntry(entry);
    if (!('busName' in checked)) return checked;
    // An entry's own TraceHeader wins over the request's header, as it names that event's trace.
    const traceId = traceIdOfHeader(entry.TraceHeader) ?? callerTrace;
    return traceId ? { ...checked, traceId } : checked;
  });
  const accepted = answers.filter((a): a is EventEntry => 'busName' in a);
  const ids = await bus.putEvents(accepted);
  let next = 0;
  const out = answers.map((a) => ('busName' in a ? { EventId: ids[next++] } : a));
  return { FailedEntryCount: out.filter((a) => 'ErrorCode' in a).length, Entries: out };
}

function checkEntry(entry: Entry): Answer | EventEntry {
  for (const key of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[key] !== 'string' || entry[key] === '') {
      return invalid(`Parameter ${key} is not valid. Reason: ${key} is a required argument.`);
    }
  }
  const detail = entry.Detail as string;
  const detailValue = jsonObject(detail);
  if (!detailValue) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const resources = entry.Resources;
  if (
    resources !== undefined &&
    (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string'))
  ) {
    return invalid('Parameter Resources is not valid. Reason: Resources must be an array of strings.');
  }
  return {
    source: entry.Source as string,
    detailType: entry.DetailType as string,
    detail,
    detailValue,
    resources: resources as string[] | undefined,
    time: timestamp(entry, 'Time'),
    busName: busNameOf(typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined),
  };
}

function invalid(message: string): Answer {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: message };
}

/** The text parsed when it is a JSON object (kept: the event is built from it, not parsed again). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  if (jsonDepth(text) > MAX_DETAIL_DEPTH) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An entry's size: Time 14 bytes when set, UTF-8 bytes of Source, DetailType, Detail and each Resource. */
export function entrySize(entry: Entry): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const key of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[key] === 'string') size += Buffer.byteLength(entry[key] as string);
  }
  if (Array.isArray(entry.Resources)) {
    for (const r of entry.Resources) if (typeof r === 'string') size += Buffer.byteLength(r);
  }
  return size;
}

/** An entry as AWS's Java model prints it in validation messages. */
function javaEntry(entry: Entry): string {
  const v = (key: string) => {
    const value = entry[key];
    if (value === undefined || value === null) return 'null';
    return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  };
  return (
    `PutEventsRequestEntry(time=${v('Time')}, source=${v('Source')}, resources=${v('Resources')}, ` +
    `detailType=${v('DetailType')}, detail=${v('Detail')}, eventBusName=${v('EventBusName')}, ` +
    `traceHeader=${v('TraceHeader')}, kmsKeyIdentifier=null, internalMetadata=null)`
  );
}
