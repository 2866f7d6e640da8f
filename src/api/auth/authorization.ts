// Reads a SigV4 signature's parts from the Authorization header or, for presigned URLs, the query:
// `AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=a;b,
// Signature=<hex>`.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html
import type { ApiRequest } from '../protocol.js';

/** The parts of a signature eddy needs to compute it again. */
export interface SignedParts {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  date: Date;
  presigned: boolean;
  expiresSeconds?: number;
}

/** The outcome: the parts, or why the request carries no usable signature. */
export type ParsedAuthorization =
  | { kind: 'signed'; parts: SignedParts }
  | { kind: 'missing'; service?: string }
  | { kind: 'incomplete'; service?: string; detail: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Parses `yyyymmddThhmmssZ`; undefined when malformed. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function fromHeader(value: string): Record<string, string> | undefined {
  if (!value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const part of value.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return fields;
}

/** Finds and parses the request's signature. */
export function parseAuthorization(request: ApiRequest): ParsedAuthorization {
  const authorization = header(request, 'authorization');
  const presigned = !authorization && request.query.has('X-Amz-Signature');
  let fields: Record<string, string> | undefined;
  let amzDate: string | undefined;
  if (authorization) {
    fields = fromHeader(authorization);
    amzDate = header(request, 'x-amz-date');
  } else if (presigned) {
    if (request.query.get('X-Amz-Algorithm') !== ALGORITHM) fields = undefined;
    else
      fields = {
        Credential: request.query.get('X-Amz-Credential') ?? '',
        SignedHeaders: request.query.get('X-Amz-SignedHeaders') ?? '',
        Signature: request.query.get('X-Amz-Signature') ?? '',
      };
    amzDate = request.query.get('X-Amz-Date') ?? undefined;
  } else return { kind: 'missing' };
  if (!fields) return { kind: 'incomplete', detail: `Only ${ALGORITHM} signatures are accepted.` };
  const scope = (fields.Credential ?? '').split('/');
  const service = scope[3];
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!fields[name])
      return { kind: 'incomplete', service, detail: `Authorization header requires '${name}' parameter.` };
  }
  if (scope.length !== 5 || scope[4] !== 'aws4_request')
    return {
      kind: 'incomplete',
      service,
      detail: `Credential should be scoped to a valid region, not '${scope[2] ?? ''}'.`,
    };
  const date = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!date || !amzDate)
    return {
      kind: 'incomplete',
      service,
      detail: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  const expires = request.query.get('X-Amz-Expires');
  return {
    kind: 'signed',
    parts: {
      accessKeyId: scope[0],
      region: scope[2],
      service: scope[3],
      signedHeaders: fields.SignedHeaders.split(';').map((h) => h.trim().toLowerCase()),
      signature: fields.Signature,
      amzDate,
      date,
      presigned,
      expiresSeconds: presigned && expires ? Number(expires) : undefined,
    },
  };
}
