// A function as Lambda's GetFunction / ListFunctions describe it (FunctionConfiguration,
// https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html), from the App model.
import type { FunctionModel } from '../../template/model.js';

/** Lambda's FunctionConfiguration, the fields a local function has. */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Handler: string;
  Role: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  Version: '$LATEST';
  PackageType: 'Zip';
  Architectures: string[];
  Environment?: { Variables: Record<string, string> };
  State: 'Active' | 'Failed';
  StateReason?: string;
  StateReasonCode?: string;
  LastUpdateStatus: 'Successful' | 'Failed';
  LastModified: string;
  EphemeralStorage: { Size: number };
  TracingConfig: { Mode: 'PassThrough' };
}

/** The configuration of `fn`; a function whose code does not build is `Failed` with the build error. */
export function functionConfiguration(
  fn: FunctionModel,
  state: { loadedAt: number; buildError?: string },
): FunctionConfiguration {
  const accountId = fn.arn.split(':')[4] ?? '000000000000';
  const config: FunctionConfiguration = {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Handler: fn.handler,
    // Local functions have no role; this is the shape SAM would create.
    Role: `arn:aws:iam::${accountId}:role/${fn.name}-role`,
    CodeSize: 0,
    Description: '',
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memoryMB,
    Version: '$LATEST',
    PackageType: 'Zip',
    Architectures: fn.architectures ?? ['x86_64'],
    State: state.buildError ? 'Failed' : 'Active',
    LastUpdateStatus: state.buildError ? 'Failed' : 'Successful',
    // Lambda's format: 2019-11-14T18:16:05.568+0000.
    LastModified: new Date(state.loadedAt).toISOString().replace('Z', '+0000'),
    EphemeralStorage: { Size: 512 },
    TracingConfig: { Mode: 'PassThrough' },
  };
  if (Object.keys(fn.environment).length > 0) config.Environment = { Variables: { ...fn.environment } };
  if (state.buildError) {
    config.StateReason = state.buildError;
    config.StateReasonCode = 'InvalidCode';
  }
  return config;
}
