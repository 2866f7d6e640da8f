// A small AWS JSON 1.1 client for commands that talk to a running `eddy dev` (undici; the AWS SDK is
// only a dev dependency). eddy does not check signatures, so requests carry none.
import { request } from 'undici';
import { EddyError } from '../shared/errors.js';
import { notRunning } from './server-client.js';

/** Calls `<targetPrefix>.<operation>` at the endpoint; resolves with the JSON answer. */
export async function callAwsJson<T = Record<string, unknown>>(
  endpoint: string,
  target: string,
  input: unknown,
): Promise<T> {
  let response;
  try {
    response = await request(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body: JSON.stringify(input),
    });
  } catch (error) {
    throw notRunning(endpoint, error);
  }
  const text = await response.body.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.statusCode >= 400) {
    const code = String(body.__type ?? 'Error')
      .split('#')
      .pop()!;
    throw new EddyError(code, String(body.message ?? body.Message ?? `HTTP ${response.statusCode}`));
  }
  return body as T;
}
