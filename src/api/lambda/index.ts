// The Lambda API adapter: REST JSON routes under /2015-03-31/functions (Invoke, GetFunction,
// GetFunctionConfiguration, ListFunctions) over the functions service.
import type { Service } from '../../services/core/service.js';
import { FunctionsService, type InvokeOptions } from '../../services/functions/index.js';
import { EddyError } from '../../shared/errors.js';
import { AwsError } from '../aws-error.js';
import type { ApiAdapter, ApiRequest, RestResponse } from '../protocol.js';

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];

/** The functions service's user errors carry Lambda's code and HTTP status. */
function toAws(error: unknown): never {
  if (error instanceof EddyError) {
    const status = (error as EddyError & { status?: number }).status ?? 400;
    throw new AwsError(error.code, error.message, status, { Type: 'User' });
  }
  throw error;
}

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function invoke(service: FunctionsService, request: ApiRequest, name: string): Promise<RestResponse> {
  const invocationType = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!INVOCATION_TYPES.includes(invocationType)) {
    throw new AwsError(
      'InvalidParameterValueException',
      `Unsupported invocation type ${invocationType}`,
      400,
    );
  }
  const options: InvokeOptions = {
    invocationType: invocationType as InvokeOptions['invocationType'],
    logType: header(request, 'x-amz-log-type') === 'Tail' ? 'Tail' : 'None',
  };
  const result = await service.invoke(name, request.body.toString('utf8'), options).catch(toAws);
  const headers: Record<string, string> = { 'x-amz-executed-version': result.executedVersion };
  if (result.functionError) headers['x-amz-function-error'] = result.functionError;
  if (result.logTail !== undefined) headers['x-amz-log-result'] = result.logTail;
  if (result.payload !== '') headers['content-type'] = 'application/json';
  return { status: result.statusCode, headers, body: result.payload };
}

/** The Lambda adapter when the functions service runs. */
export function lambdaAdapter(services: readonly Service[]): ApiAdapter {
  const service = services.find((s): s is FunctionsService => s instanceof FunctionsService);
  if (!service) return {};
  const configuration = (name: string) => {
    try {
      return service.configuration(name);
    } catch (error) {
      return toAws(error);
    }
  };
  return {
    rest: [
      {
        method: 'POST',
        path: '/2015-03-31/functions/{name}/invocations',
        handle: (r, p) => invoke(service, r, p.name),
      },
      {
        method: 'GET',
        path: '/2015-03-31/functions/{name}/configuration',
        handle: (_r, p) => ({ status: 200, body: configuration(p.name) }),
      },
      {
        method: 'GET',
        path: '/2015-03-31/functions/{name}',
        handle: (_r, p) => ({
          status: 200,
          body: { Configuration: configuration(p.name), Code: { RepositoryType: 'S3', Location: '' } },
        }),
      },
      {
        method: 'GET',
        path: '/2015-03-31/functions',
        handle: () => ({ status: 200, body: { Functions: service.configurations() } }),
      },
    ],
  };
}
