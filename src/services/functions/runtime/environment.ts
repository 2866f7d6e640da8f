// The environment of an instance: what Lambda defines for every function
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
// the template's Environment, test credentials and AWS_ENDPOINT_URL so the handler's own AWS SDK calls
// reach eddy instead of AWS.
import type { FunctionModel } from '../../../template/model.js';
import type { Credentials } from '../../core/service.js';

/** What the environment depends on besides the function itself. */
export interface EnvironmentOptions {
  region: string;
  endpoint: string;
  /** The key pair the handler's SDK signs with (test/test unless eddy dev --auth configured keys). */
  credentials?: Credentials;
  /** Folder of the handler code (the instance's working directory), LAMBDA_TASK_ROOT. */
  taskRoot: string;
  /** The instance's log stream name. */
  logStreamName: string;
}

// Only what a process needs to run; eddy's own environment (test runner flags, NODE_OPTIONS loaders)
// must not leak into handlers.
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT', 'PYTHONPATH', 'VIRTUAL_ENV'];

/** The log group Lambda writes a function's logs to. */
export function logGroupName(fn: FunctionModel): string {
  return `/aws/lambda/${fn.name}`;
}

/** Lambda's log stream name: `YYYY/MM/DD/[$LATEST]<32 hex>`. */
export function logStreamName(instanceId: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${instanceId.replace(/-/g, '')}`;
}

/** The full environment of one instance of `fn`. */
export function instanceEnvironment(fn: FunctionModel, options: EnvironmentOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, {
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMB),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(fn),
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: options.taskRoot,
    LAMBDA_RUNTIME_DIR: options.taskRoot,
    _HANDLER: fn.handler,
    TZ: ':UTC',
    AWS_ACCESS_KEY_ID: options.credentials?.accessKeyId ?? 'test',
    AWS_SECRET_ACCESS_KEY: options.credentials?.secretAccessKey ?? 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_ENDPOINT_URL: options.endpoint,
  });
  // The template's variables win over the defaults, as on Lambda (except the reserved ones, which
  // Lambda refuses at deploy time; eddy lets them through for local experiments).
  Object.assign(env, fn.environment);
  return env;
}
