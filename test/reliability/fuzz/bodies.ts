// Malformed payloads: broken JSON, wrong types, missing and extra fields, prototype keys, deep nesting
// (to 10,000 levels), invalid UTF-8, non-object JSON, big fields and bodies past eddy's 16 MB limit.
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../../src/api/server.js';

/** Member names eddy's operations read, so wrong-typed values reach the validators behind them. */
export const FIELD_NAMES = [
  'Name',
  'QueueUrl',
  'QueueName',
  'Attributes',
  'AttributeNames',
  'MessageBody',
  'Entries',
  'EventBusName',
  'EventPattern',
  'Rule',
  'Targets',
  'Arn',
  'Ids',
  'Id',
  'Event',
  'Detail',
  'DetailType',
  'Source',
  'Resources',
  'Time',
  'Limit',
  'NextToken',
  'MaxResults',
  'ScheduleExpression',
  'State',
  'Description',
  'ArchiveName',
  'EventSourceArn',
  'ReplayName',
  'Destination',
  'EventStartTime',
  'EventEndTime',
  'ReceiptHandle',
  'VisibilityTimeout',
  'MaxNumberOfMessages',
  'DelaySeconds',
  'MessageAttributes',
  'MessageGroupId',
  'MessageDeduplicationId',
  'Tags',
  'tags',
  'TagKeys',
  'RetentionDays',
  'InputTransformer',
  'InputPath',
  'Input',
  'RoleArn',
  'DeadLetterConfig',
  'RetryPolicy',
  'SourceArn',
  'DestinationArn',
  'stateMachineArn',
  'definition',
  'roleArn',
  'type',
  'name',
  'input',
  'executionArn',
  'taskToken',
  'output',
  'error',
  'cause',
  'maxResults',
  'nextToken',
  'statusFilter',
  'reverseOrder',
  'includeExecutionData',
  'mapRunArn',
  'loggingConfiguration',
  'variables',
  'inspectionLevel',
  'Target',
  'Enrichment',
  'SourceParameters',
  'TargetParameters',
  'DesiredState',
  'EnrichmentParameters',
  'FilterCriteria',
  'TaskListToken',
  'Delete',
  'Objects',
  'Key',
];

/** Keys that reach Object.prototype when code copies them carelessly. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Values of every JSON type, including the edge values validators forget. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    ' ',
    '{',
    '[]',
    '{"a":',
    'null',
    'NaN',
    '-1',
    '1e400',
    '\u0000',
    '\ud800',
    'x'.repeat(300),
  ),
  fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 31), 1e308, 0.5, true, false, null, [], {}),
  // Lists and maps whose members have the wrong type (PutEvents once crashed on `Entries: [null]`).
  fc.constantFrom([null], [1], [[]], ['x'], [{}], { a: null }, { a: {} }, { a: [] }, [{ Id: null, Arn: 1 }]),
  fc.constantFrom(
    '{"source":[{"prefix":1}]}',
    '{"detail":{"a":[{"numeric":[">",1,"<"]}]}}',
    'rate(0 minutes)',
    'cron(* * * * * *)',
    'arn:aws:sqs:us-east-1:000000000000:nope',
    'arn:aws:lambda:::function:',
    '../../x',
  ),
);

/** A JSON object built from known and random keys (some prototype keys) with values of any type. */
export const objectBody = fc
  .array(fc.tuple(key, value), { maxLength: 8 })
  .map(
    (entries) =>
      '{' + entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',') + '}',
  );

/** `[[[...]]]` or `{"a":{"a":...}}` nested `depth` levels, optionally left unclosed. */
export function nested(depth: number, kind: 'array' | 'object', closed: boolean): string {
  const open = kind === 'array' ? '['.repeat(depth) : '{"a":'.repeat(depth) + '1';
  if (!closed) return open;
  return open + (kind === 'array' ? ']' : '}').repeat(depth);
}

const deep = fc
  .tuple(
    fc.constantFrom(100, 600, 2000, 10_000),
    fc.constantFrom('array' as const, 'object' as const),
    fc.boolean(),
  )
  .map(([depth, kind, closed]) => {
    const inner = nested(depth, kind, closed);
    // Wrap arrays in an object so the body is an object whose member nests deeply.
    return kind === 'array' ? `{"Entries":${inner}}` : inner;
  });

/** A valid body cut short or with a byte changed: JSON the parser must refuse cleanly. */
const broken = fc
  .tuple(objectBody, fc.nat(), fc.constantFrom('', '"', '{', '}', ',', ':', '\\', '\u0000', 'u'))
  .map(([text, at, insert]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 0 : 1));
  });

/** Bytes that are not UTF-8, alone or inside a JSON string. */
const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.concat([Buffer.from('{"Name":"'), Buffer.from([0xc0, 0xae, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"MessageBody":"'), Buffer.from([0xf8, 0x88, 0x80]), Buffer.from('"}')]),
);

const notAnObject = fc.constantFrom('null', '[]', '[{}]', '"text"', '12', 'true', '  ', '\ufeff{}', '{}{}');

/** Fields of 300 KB and 1.1 MB: past EventBridge's 256 KB entry and SQS's message limits. */
const big = fc
  .tuple(
    fc.constantFrom('Detail', 'MessageBody', 'input', 'definition', 'Name', 'EventPattern'),
    fc.constantFrom(300_000, 1_100_000),
  )
  .map(([field, size]) => `{${JSON.stringify(field)}:${JSON.stringify('x'.repeat(size))}}`);

/** A body one byte past eddy's request limit. */
export const OVERSIZE_BYTES = MAX_BODY_BYTES + 1;

/** Any malformed JSON-ish body, as bytes (over-limit bodies are sent apart: see run-fuzz.ts). */
export function jsonBody(): fc.Arbitrary<Buffer> {
  const text = fc.oneof(
    { weight: 10, arbitrary: objectBody },
    { weight: 4, arbitrary: broken },
    { weight: 2, arbitrary: notAnObject },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: big },
    { weight: 1, arbitrary: fc.constant('') },
  );
  return fc.oneof(
    { weight: 19, arbitrary: text.map((t) => Buffer.from(t, 'utf8')) },
    { weight: 1, arbitrary: invalidUtf8 },
  );
}
