// Judges one fuzz outcome: a 2xx/3xx (the request happened to be valid) or an AWS-shaped 4xx passes;
// a 5xx, a hang, a dropped connection or a 4xx in no AWS shape fails.
import type { RawOutcome } from './http.js';

/** Why an outcome failed, or undefined when it passed. */
export type Failure = '5xx' | 'hang' | 'connection' | 'shape';

/** AWS JSON errors: `{"__type": code, "message": text}` (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). */
function isJsonError(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const message = body.message ?? body.Message;
    return typeof body.__type === 'string' && body.__type !== '' && typeof message === 'string';
  } catch {
    return false;
  }
}

/** S3's `<Error><Code>` and SQS query's `<ErrorResponse><Error><Code>`, each with a Message. */
function isXmlError(text: string): boolean {
  return /<Error>[\s\S]*<Code>[^<]+<\/Code>[\s\S]*<Message>[\s\S]*<\/Message>/.test(text);
}

/** The failure `outcome` shows for a request sent with `method`, if any. */
export function judge(method: string, outcome: RawOutcome): Failure | undefined {
  if (outcome.kind === 'hang') return 'hang';
  if (outcome.kind === 'error') return 'connection';
  if (outcome.status >= 500) return '5xx';
  if (outcome.status < 400) return undefined;
  // HEAD answers have no body: clients read the status (and S3's x-amz-request-id) alone.
  if (method === 'HEAD') return undefined;
  const text = outcome.body.toString('utf8');
  return isJsonError(text) || isXmlError(text) ? undefined : 'shape';
}
