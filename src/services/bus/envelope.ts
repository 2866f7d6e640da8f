// The event envelope EventBridge builds from a PutEvents entry
// (docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html): version "0", a fresh id,
// `time` to the second (the entry's Time or now), `resources` always an array, `detail` parsed.

/** An accepted PutEvents entry, validated. */
export interface EventEntry {
  source: string;
  detailType: string;
  /** JSON text of an object. */
  detail: string;
  /** `detail` already parsed (by validation), so the event need not be parsed again. */
  detailValue?: Record<string, unknown>;
  resources?: string[];
  /** Epoch ms from the entry's Time. */
  time?: number;
  busName: string;
  /** The trace the event continues (its TraceHeader, or the caller's X-Amzn-Trace-Id); else its id. */
  traceId?: string;
}

/**
 * The envelope's JSON text, built by concatenation. With the parsed detail at hand, `detail` is written
 * normalised (as JSON.stringify writes it), so the text equals the serialized event and serves as the
 * payload of every target that takes the whole event, without serializing it again per delivery.
 */
export function buildEnvelope(
  entry: EventEntry,
  id: string,
  now: number,
  scope: { region: string; accountId: string },
): string {
  const time = isoSeconds(entry.time ?? now);
  return (
    `{"version":"0","id":${JSON.stringify(id)},"detail-type":${JSON.stringify(entry.detailType)},` +
    `"source":${JSON.stringify(entry.source)},"account":${JSON.stringify(scope.accountId)},` +
    `"time":"${time}","region":${JSON.stringify(scope.region)},` +
    `"resources":${JSON.stringify(entry.resources ?? [])},"detail":${entry.detailValue ? JSON.stringify(entry.detailValue) : entry.detail}}`
  );
}

/**
 * The envelope as an object (what rules match), equal to parsing `buildEnvelope`'s text: built from the
 * entry when validation already parsed its detail, which saves parsing the whole event again.
 */
export function eventOf(
  entry: EventEntry,
  id: string,
  now: number,
  scope: { region: string; accountId: string },
  envelope: string,
): Record<string, unknown> {
  if (!entry.detailValue) return JSON.parse(envelope) as Record<string, unknown>;
  return {
    version: '0',
    id,
    'detail-type': entry.detailType,
    source: entry.source,
    account: scope.accountId,
    time: isoSeconds(entry.time ?? now),
    region: scope.region,
    resources: entry.resources ? [...entry.resources] : [],
    detail: entry.detailValue,
  };
}

let lastSecond = NaN;
let lastIso = '';

/** `2022-01-01T00:00:00Z`: AWS renders event times without milliseconds. */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Events arrive many per second: the text of the current second is kept.
  if (second !== lastSecond) {
    lastIso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastIso;
}

/** The envelope with `replay-name` added after `region`, where AWS puts it. */
export function withReplayName(
  envelope: Record<string, unknown>,
  replayName: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(envelope)) {
    if (key === 'replay-name') continue;
    out[key] = value;
    if (key === 'region') out['replay-name'] = replayName;
  }
  return out;
}
