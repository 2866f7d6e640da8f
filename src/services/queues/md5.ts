// The digests SQS returns so clients can verify what it stored. The attribute digest is MD5 over a binary
// encoding, attributes sorted by name, each as: name, data type (each a 4-byte big-endian length and its
// UTF-8 bytes), one transport byte (1 for String/Number, 2 for Binary), then the value as length + bytes
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html,
// "Calculating the MD5 message digest for message attributes"). System attributes use the same encoding.
import { createHash } from 'node:crypto';

/** A message attribute value as the SQS API carries it (binary values as base64 on the wire, Buffer here). */
export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

/** Hex MD5 of a message body. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([length, bytes]);
}

/** Hex MD5 of message (or system) attributes, or undefined when there are none. */
export function md5OfAttributes(attributes: Record<string, AttributeValue> | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (!attributes || names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name];
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    const binary = value.DataType.startsWith('Binary');
    hash.update(Buffer.from([binary ? 2 : 1]));
    hash.update(
      lengthPrefixed(
        binary ? (value.BinaryValue ?? Buffer.alloc(0)) : Buffer.from(value.StringValue ?? '', 'utf8'),
      ),
    );
  }
  return hash.digest('hex');
}
