// Decodes `aws-chunked` request bodies. Recent AWS SDKs send PutObject bodies this way with a checksum
// trailer (x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER): `<hex size>[;chunk-signature=..]
// CRLF <bytes> CRLF ... 0 CRLF <trailer lines> CRLF`
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html). Signatures are not checked.
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../../shared/aws-error.js';

/** True when the request body is aws-chunked. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const sha = headers['x-amz-content-sha256'];
  const encoding = String(headers['content-encoding'] ?? '');
  return (
    (typeof sha === 'string' && sha.startsWith('STREAMING-')) || /(^|,)\s*aws-chunked\s*(,|$)/.test(encoding)
  );
}

function incomplete(): AwsError {
  return new AwsError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
  );
}

/** The payload and the trailing headers of an aws-chunked body. */
export function decodeAwsChunked(body: Buffer): { payload: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) throw incomplete();
    const sizeText = body.toString('latin1', pos, lineEnd).split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw incomplete();
    const size = parseInt(sizeText, 16);
    pos = lineEnd + 2;
    if (size === 0) break;
    if (pos + size > body.length) throw incomplete();
    parts.push(body.subarray(pos, pos + size));
    pos += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of body.toString('latin1', pos).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(parts), trailers };
}

/** The Content-Encoding to store: the header without `aws-chunked` (undefined when nothing is left). */
export function storedContentEncoding(headers: IncomingHttpHeaders): string | undefined {
  const rest = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '' && v !== 'aws-chunked');
  return rest.length > 0 ? rest.join(', ') : undefined;
}
