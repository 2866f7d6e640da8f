// Headers shared by S3 responses and the mapping between stored object headers and HTTP headers.
import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectInfo } from '../../services/storage/objects.js';
import type { ApiRequest } from '../protocol.js';

/** Headers every S3 response carries. */
export function s3Headers(request: ApiRequest): Record<string, string> {
  return { 'x-amz-request-id': request.requestId, 'x-amz-id-2': 'eddy' };
}

/** Object headers S3 stores from PutObject and returns on GetObject / HeadObject. */
export const STORED_HEADERS = [
  'content-type',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
] as const;

/** The stored headers and x-amz-meta-* user metadata of a PutObject / CopyObject request. */
export function objectHeadersOf(headers: IncomingHttpHeaders): {
  headers: Record<string, string>;
  metadata: Record<string, string>;
} {
  const stored: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value !== '') stored[name] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value;
  }
  return { headers: stored, metadata };
}

/** The response headers describing an object (GetObject, HeadObject). */
export function objectResponseHeaders(info: ObjectInfo, query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {
    etag: info.etag,
    'last-modified': info.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...info.headers,
  };
  for (const [name, value] of Object.entries(info.metadata)) out[`x-amz-meta-${name}`] = value;
  // GetObject's response-* query parameters override stored headers for this response.
  for (const name of STORED_HEADERS) {
    const override = query.get(`response-${name}`);
    if (override !== null) out[name] = override;
  }
  return out;
}
