// eddy trace ids as X-Ray trace headers and back. A handler eddy invokes gets `_X_AMZN_TRACE_ID` in
// Lambda's format (`Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=1`,
// docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime); the AWS
// SDK forwards it as `X-Amzn-Trace-Id` on every call the handler makes, so PutEvents, SendMessage and
// StartExecution can put what they create on the caller's trace. A UUID trace id fits the Root's 32 hex
// digits exactly (its first 8 stand where X-Ray keeps the epoch seconds), so the mapping is reversible
// without any state; any other trace id travels in an extra `Eddy=` field.

const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;
const ROOT = /(?:^|;)\s*Root=1-([0-9a-f]{8})-([0-9a-f]{24})(?:;|$)/i;
const EDDY = /(?:^|;)\s*Eddy=([^;]+)/;

/** The X-Ray trace header of an invocation caused by `traceId`; `parent` seeds the Parent segment id. */
export function xrayTraceHeader(traceId: string, parent: string): string {
  const parentId = hex16(parent);
  const uuid = UUID.exec(traceId);
  if (uuid) {
    const digits = uuid.slice(1).join('').toLowerCase();
    return `Root=1-${digits.slice(0, 8)}-${digits.slice(8)};Parent=${parentId};Sampled=1`;
  }
  const root = hex16(traceId) + hex16(`${traceId}/root`);
  return `Root=1-${root.slice(0, 8)}-${root.slice(8, 32)};Parent=${parentId};Sampled=1;Eddy=${encodeURIComponent(traceId)}`;
}

/** The eddy trace id an `X-Amzn-Trace-Id` header carries, or undefined when it carries none. */
export function traceIdOfHeader(header: unknown): string | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const eddy = EDDY.exec(header)?.[1];
  if (eddy) return safeDecode(eddy);
  const root = ROOT.exec(header);
  if (!root) return undefined;
  const d = (root[1] + root[2]).toLowerCase();
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
}

/**
 * 16 hex digits derived from any text (FNV-1a, 64 bits): stable, no crypto needed. Computed in two
 * 32-bit halves: BigInt arithmetic cost ~4 µs per call, once or three times per invocation.
 */
export function hex16(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    // (hi·2^32 + lo) × 0x100000001b3 mod 2^64; every product below stays under 2^53, so it is exact.
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (hi * 0x1b3 + lo * 0x100 + carry) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
