// Keeps web pages from driving eddy: a page on another site cannot reach it through a DNS name that
// points at 127.0.0.1 (DNS rebinding: the Host header is checked) nor send it mutating requests
// (CSRF: a browser's Origin header must be eddy's own). AWS SDKs and CLIs send no Origin header.
import type { IncomingMessage, ServerResponse } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0];
}

/** True when the Host header names this machine's loopback or the address eddy was bound to. */
export function isAllowedHost(host: string | undefined, boundHost: string): boolean {
  if (!host) return true; // HTTP/1.0 clients send none; a browser always does.
  const name = hostName(host.toLowerCase());
  return (
    LOOPBACK_NAMES.has(name) || name === boundHost || name.endsWith('.localhost') || boundHost === '0.0.0.0'
  );
}

/** True when a browser request comes from eddy's own pages (or from no page at all). */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A local handler that answers 403 to requests failing the Host or Origin checks, and passes the rest. */
export function requestGuard(boundHost: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const host = req.headers.host;
    const origin = req.headers.origin;
    let reason: string | undefined;
    if (!isAllowedHost(host, boundHost))
      reason = `Host ${host} is not this machine; eddy only answers on ${boundHost}`;
    else if (!SAFE_METHODS.has(req.method ?? 'GET') && !isAllowedOrigin(origin, host)) {
      reason = `Requests from the web page at ${origin} are not allowed`;
    }
    if (!reason) return false;
    const body = JSON.stringify({ __type: 'AccessDeniedException', message: reason });
    res.writeHead(403, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  };
}
