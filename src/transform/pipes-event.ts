// Implicit body parsing of Pipes: for filtering and input templates, a source event's encoded payload
// field is replaced by the JSON it holds, so `<$.body.someKey>` works on an SQS message whose body is JSON
// text. "The following fields in the incoming payload may be JSON-escaped, such as the Amazon SQS body
// object, or base64-encoded, such as the Kinesis data object ... EventBridge transforms these fields
// into valid JSON" (docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html,
// "Implicit body data parsing"). A payload that is not JSON stays as it was: plain text for SQS, base64
// for the others. Only JSON objects and arrays are decoded, so a body of `42` or `"x"` stays a string.

/** The payload fields each source encodes, keyed by the record's `eventSource`. */
const ENCODED_FIELDS: Record<string, { fields: string[]; base64: boolean }> = {
  'aws:sqs': { fields: ['body'], base64: false },
  'aws:kinesis': { fields: ['data'], base64: true },
  'aws:amq': { fields: ['data'], base64: true },
  'aws:rmq': { fields: ['data'], base64: true },
  'aws:kafka': { fields: ['key', 'value'], base64: true },
  SelfManagedKafka: { fields: ['key', 'value'], base64: true },
};

/** The record with its encoded payload fields replaced by their JSON, when they hold JSON. */
export function decodePipeEvent(event: unknown): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
  const record = event as Record<string, unknown>;
  const source = typeof record.eventSource === 'string' ? ENCODED_FIELDS[record.eventSource] : undefined;
  if (source === undefined) return event;
  let decoded: Record<string, unknown> | undefined;
  for (const field of source.fields) {
    const raw = record[field];
    if (typeof raw !== 'string') continue;
    const json = parseJsonContainer(source.base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw);
    if (json === undefined) continue;
    decoded ??= { ...record };
    decoded[field] = json;
  }
  return decoded ?? event;
}

/** True when the event is JSON data (an object or array), so `aws.pipes.event.json` has a value. */
export function isJsonEvent(event: unknown): boolean {
  return event !== null && typeof event === 'object';
}

function parseJsonContainer(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
