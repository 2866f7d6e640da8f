// Verifies AWS Signature Version 4 on a request (`eddy dev --auth`): the signature is computed again
// with the secret of the access key the request names and compared. The signing itself is the SDK's
// own signer (@smithy/signature-v4), so eddy canonicalises exactly as the clients do.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiRequest } from '../protocol.js';
import { parseAuthorization, type SignedParts } from './authorization.js';

/** Why a request was refused, named as AWS's JSON services name it (mapped per protocol by errors.ts). */
export type AuthFailure =
  | { kind: 'missing'; service?: string }
  | { kind: 'incomplete'; service?: string; detail: string }
  | { kind: 'unknown-key'; service: string }
  | { kind: 'expired'; service: string; detail: string }
  | { kind: 'mismatch'; service: string };

// AWS refuses requests signed more than 15 minutes from its clock (and presigned URLs past X-Amz-Expires).
const MAX_SKEW_MS = 15 * 60 * 1000;

/** Checks the request's signature against `keys` (access key id → secret); undefined when it is valid. */
export async function verifySignature(
  request: ApiRequest,
  keys: ReadonlyMap<string, string>,
  now: number,
): Promise<AuthFailure | undefined> {
  const parsed = parseAuthorization(request);
  if (parsed.kind !== 'signed') return parsed;
  const { parts } = parsed;
  const secret = keys.get(parts.accessKeyId);
  if (secret === undefined) return { kind: 'unknown-key', service: parts.service };
  const skew = parts.presigned
    ? now - parts.date.getTime() > (parts.expiresSeconds ?? 900) * 1000
    : Math.abs(now - parts.date.getTime()) > MAX_SKEW_MS;
  if (skew) return { kind: 'expired', service: parts.service, detail: parts.amzDate };
  if (!bodyMatchesHash(request)) return { kind: 'mismatch', service: parts.service };
  const expected = await computeSignature(request, parts, secret);
  const a = Buffer.from(expected);
  const b = Buffer.from(parts.signature);
  return a.length === b.length && timingSafeEqual(a, b)
    ? undefined
    : { kind: 'mismatch', service: parts.service };
}

/**
 * A signed `x-amz-content-sha256` stands for the body in the signature, so the body must match it
 * (S3 answers XAmzContentSHA256Mismatch otherwise); UNSIGNED-PAYLOAD and streaming modes name no hash.
 */
function bodyMatchesHash(request: ApiRequest): boolean {
  const claimed = request.headers['x-amz-content-sha256'];
  if (typeof claimed !== 'string' || !/^[0-9a-f]{64}$/.test(claimed)) return true;
  return createHash('sha256').update(request.body).digest('hex') === claimed;
}

async function computeSignature(request: ApiRequest, parts: SignedParts, secret: string): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: parts.accessKeyId, secretAccessKey: secret },
    region: parts.region,
    service: parts.service,
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent; every other service encodes it once more (SigV4's canonical URI rule).
    uriEscapePath: parts.service !== 's3',
    applyChecksum: false,
  });
  const headers: Record<string, string> = {};
  for (const name of parts.signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of request.query) {
    if (parts.presigned && name === 'X-Amz-Signature') continue;
    const prior = query[name];
    query[name] = prior === undefined ? value : ([] as string[]).concat(prior, value);
  }
  const [host, port] = (request.headers.host ?? 'localhost').split(':');
  const unsigned = {
    method: request.method,
    protocol: 'http:',
    hostname: host,
    port: port ? Number(port) : undefined,
    path: request.rawPath ?? request.path,
    query,
    headers,
    body: request.body,
  };
  const options = {
    signingDate: parts.date,
    signableHeaders: new Set(parts.signedHeaders),
    unsignableHeaders: new Set<string>(),
  };
  if (parts.presigned) {
    const signed = await signer.presign(stripPresignParams(unsigned), {
      ...options,
      expiresIn: parts.expiresSeconds ?? 900,
    });
    return String(signed.query?.['X-Amz-Signature'] ?? '');
  }
  const signed = await signer.sign(unsigned, options);
  const authorization = String(signed.headers.authorization ?? signed.headers.Authorization ?? '');
  return authorization.slice(authorization.lastIndexOf('Signature=') + 'Signature='.length);
}

/** A presigned URL's own parameters are added back by `presign`; the rest of the query is signed. */
function stripPresignParams<T extends { query: Record<string, string | string[]> }>(request: T): T {
  const query = Object.fromEntries(
    Object.entries(request.query).filter(
      ([name]) => !name.startsWith('X-Amz-') || name === 'X-Amz-Security-Token',
    ),
  );
  return { ...request, query };
}
