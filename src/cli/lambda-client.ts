// Invokes a function on a running `eddy dev` through Lambda's Invoke REST API (undici), with the
// last 4 KB of its logs (`X-Amz-Log-Type: Tail`).
import { request } from 'undici';
import { EddyError } from '../shared/errors.js';
import { signedHeaders } from '../shared/sign-request.js';
import { notRunning } from './server-client.js';

/** What an invocation returned. */
export interface InvokeResult {
  function: string;
  statusCode: number;
  /** The handler's result (parsed when it is JSON). */
  result: unknown;
  /** `Unhandled` when the handler failed. */
  functionError?: string;
  logs: string;
  durationMs: number;
}

/** Invokes `name` with `payload` (JSON text) and waits for its result. */
export async function invokeFunction(endpoint: string, name: string, payload: string): Promise<InvokeResult> {
  const started = performance.now();
  const url = `${endpoint}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;
  const headers = await signedHeaders({
    url,
    method: 'POST',
    headers: { 'x-amz-invocation-type': 'RequestResponse', 'x-amz-log-type': 'Tail' },
    body: payload,
    service: 'lambda',
  });
  let response;
  try {
    response = await request(url, { method: 'POST', headers, body: payload });
  } catch (error) {
    throw notRunning(endpoint, error);
  }
  const text = await response.body.text();
  let result: unknown = text;
  try {
    result = text ? JSON.parse(text) : null;
  } catch {
    // A handler may return text that is not JSON; show it as it is.
  }
  if (response.statusCode >= 400) {
    const body = (result ?? {}) as { __type?: string; message?: string };
    throw new EddyError(String(body.__type ?? 'InvokeFailed'), String(body.message ?? text), {
      fix: 'Check the function name with `eddy dev` (its resource table), or `eddy validate`.',
    });
  }
  const log = response.headers['x-amz-log-result'];
  const error = response.headers['x-amz-function-error'];
  return {
    function: name,
    statusCode: response.statusCode,
    result,
    ...(typeof error === 'string' ? { functionError: error } : {}),
    logs: typeof log === 'string' ? Buffer.from(log, 'base64').toString('utf8') : '',
    durationMs: Math.round(performance.now() - started),
  };
}
