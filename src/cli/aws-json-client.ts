// A small AWS JSON 1.1 client for commands that talk to a running `eddy dev` (undici; the AWS SDK is
// only a dev dependency), signed with SigV4 like the SDK so they pass `eddy dev --auth`.
import { request } from 'undici';
import { EddyError } from '../shared/errors.js';
import { signedHeaders, signingNameOf } from '../shared/sign-request.js';
import { notRunning } from './server-client.js';

/** Calls `<targetPrefix>.<operation>` at the endpoint; resolves with the JSON answer. */
export async function callAwsJson<T = Record<string, unknown>>(
  endpoint: string,
  target: string,
  input: unknown,
): Promise<T> {
  const body = JSON.stringify(input);
  const headers = await signedHeaders({
    url: `${endpoint}/`,
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
    service: signingNameOf(target),
  });
  let response;
  try {
    response = await request(`${endpoint}/`, { method: 'POST', headers, body });
  } catch (error) {
    throw notRunning(endpoint, error);
  }
  const text = await response.body.text();
  const answer = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.statusCode >= 400) {
    const code = String(answer.__type ?? 'Error')
      .split('#')
      .pop()!;
    throw new EddyError(code, String(answer.message ?? answer.Message ?? `HTTP ${response.statusCode}`));
  }
  return answer as T;
}
