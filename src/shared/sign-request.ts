// Signs eddy's own HTTP calls to a running eddy (the CLI, `eddy/testing`) with SigV4, as the AWS SDK
// would, so they pass `eddy dev --auth`. Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when
// set (test/test otherwise), the same place the SDK's default chain looks first.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** An access key pair. */
export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What to sign: an absolute URL, the method, headers and a text body. */
export interface RequestToSign {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The signing name of the service (`events`, `states`, `lambda`...). */
  service: string;
}

// The SigV4 signing name of each X-Amz-Target prefix eddy's own clients call.
const SIGNING_NAMES: Record<string, string> = {
  AWSEvents: 'events',
  AWSStepFunctions: 'states',
  AmazonSQS: 'sqs',
};

/** The signing name for an `X-Amz-Target` such as `AWSEvents.PutEvents`. */
export function signingNameOf(target: string): string {
  return SIGNING_NAMES[target.split('.')[0]] ?? 'events';
}

/** The key from the environment, test/test when none is set. */
export function environmentKey(env: NodeJS.ProcessEnv = process.env): SigningKey {
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'test',
  };
}

/** The request's headers with `authorization` and `x-amz-date` added (`host` is left to the client, from the URL). */
export async function signedHeaders(
  request: RequestToSign,
  key: SigningKey = environmentKey(),
  region: string = process.env.AWS_REGION ?? 'us-east-1',
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const signer = new SignatureV4({
    credentials: key,
    region,
    service: request.service,
    sha256: Hash.bind(null, 'sha256'),
  });
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { ...request.headers, host: url.host },
    body: request.body,
  });
  const { host: _host, ...headers } = signed.headers as Record<string, string>;
  return headers;
}
