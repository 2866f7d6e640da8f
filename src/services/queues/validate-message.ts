// What SendMessage accepts, with SQS's messages: allowed body characters, message attribute names, types
// and values, the 10-attribute limit and the size limit (body plus every attribute's name, type and value)
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
import { invalidParameter, missingParameter, sqsError } from './errors.js';

/** A message attribute as it travels in JSON: binary values are base64 text. */
export interface WireAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

// "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"; lone surrogates are invalid.
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\..{1,})?$/;

/** Checks a body; throws InvalidMessageContents / MissingParameter as SQS does. */
export function validateBody(body: unknown): string {
  if (typeof body !== 'string' || body.length === 0) throw missingParameter('MessageBody');
  const bad = INVALID_CHAR.exec(body);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase();
    throw sqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${code}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  }
  return body;
}

/** Checks message attributes; returns them normalized, or undefined when there are none. */
export function validateMessageAttributes(
  input: unknown,
  kind: 'user' | 'system' = 'user',
): Record<string, WireAttribute> | undefined {
  if (input === undefined || input === null) return undefined;
  const entries = Object.entries(input as Record<string, WireAttribute>);
  if (entries.length === 0) return undefined;
  if (entries.length > 10) {
    throw invalidParameter(
      'MessageAttributes',
      entries.length,
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`,
    );
  }
  const out: Record<string, WireAttribute> = {};
  for (const [name, value] of entries) {
    if (kind === 'system' && name !== 'AWSTraceHeader') {
      throw sqsError('InvalidParameterValueException', `Message system attribute name '${name}' is invalid.`);
    }
    if (kind === 'user' && (!NAME.test(name) || /^(aws\.|amazon\.)/i.test(name))) {
      throw sqsError(
        'InvalidParameterValueException',
        `Message (user) attribute name '${name}' is invalid. The attribute name can contain only letters, numbers, underscores, hyphens and periods, must not start with 'AWS.' or 'Amazon.', and must not contain consecutive periods.`,
      );
    }
    const type = value?.DataType;
    if (typeof type !== 'string' || !DATA_TYPE.test(type)) {
      throw sqsError(
        'InvalidParameterValueException',
        `The type of message (${kind}) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    const base = type.split('.')[0];
    if (base === 'Binary') {
      if (typeof value.BinaryValue !== 'string' || value.BinaryValue.length === 0)
        throw emptyValue(kind, name, base);
      out[name] = { DataType: type, BinaryValue: value.BinaryValue };
    } else {
      if (typeof value.StringValue !== 'string' || value.StringValue.length === 0)
        throw emptyValue(kind, name, base);
      if (base === 'Number' && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.StringValue.trim())) {
        throw sqsError(
          'InvalidParameterValueException',
          `Can't cast the value of message (${kind}) attribute '${name}' to a number.`,
        );
      }
      out[name] = { DataType: type, StringValue: value.StringValue };
    }
  }
  return out;
}

function emptyValue(kind: string, name: string, base: string) {
  return sqsError(
    'InvalidParameterValueException',
    `Message (${kind}) attribute '${name}' must contain a non-empty value of type '${base}'.`,
  );
}

/** The bytes a message counts against MaximumMessageSize: body plus attribute names, types and values. */
export function messageSize(body: string, attributes: Record<string, WireAttribute> | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size +=
      value.BinaryValue !== undefined
        ? Buffer.byteLength(value.BinaryValue, 'base64')
        : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}

/** Throws SQS's size error when the message is larger than the queue's MaximumMessageSize. */
export function checkSize(size: number, limit: number): void {
  if (size > limit) {
    throw sqsError(
      'InvalidParameterValueException',
      `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`,
    );
  }
}
