// AWS::Lambda::Function (and expanded SAM functions) → FunctionModel, with local code only.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
import { resolve } from 'node:path';
import type { EsbuildProperties, FunctionModel } from '../model.js';
import { isRecord } from '../resources.js';
import { bool, num, str, stringMap, type BuildInput } from './types.js';

/** AWS::Lambda::Function, or undefined (with a warning) when its code is not a local folder. */
export function buildFunction(input: BuildInput): FunctionModel | undefined {
  const p = input.props;
  const { resource } = input;
  const codeDir = localCode(p.Code, resource.metadata);
  if (codeDir === undefined) {
    const why =
      isRecord(p.Code) && p.Code.ZipFile !== undefined ? 'inline code (ZipFile / InlineCode)' : 'code in S3';
    input.warn(`not emulated: ${resource.logicalId} has ${why}; give it a local CodeUri`, resource.position);
    return undefined;
  }
  const env = isRecord(p.Environment) ? p.Environment.Variables : undefined;
  const fn: FunctionModel = {
    kind: 'function',
    logicalId: resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: resource.position,
    handler: str(p.Handler) ?? 'index.handler',
    runtime: str(p.Runtime) ?? 'nodejs20.x',
    codeDir: resolve(input.rootDir, codeDir),
    // Lambda's own defaults when the template gives none (SAM writes them out explicitly).
    timeoutSeconds: num(p.Timeout) ?? 3,
    memoryMB: num(p.MemorySize) ?? 128,
    environment: stringMap(env),
  };
  const reserved = num(p.ReservedConcurrentExecutions);
  if (reserved !== undefined) fn.reservedConcurrency = reserved;
  if (Array.isArray(p.Architectures)) fn.architectures = p.Architectures.map(String);
  const esbuild = esbuildProperties(resource.metadata);
  if (esbuild) fn.esbuild = esbuild;
  return fn;
}

// `Code: ./src` (a local path, as SAM CLI accepts) or CDK's `aws:asset:path` metadata.
function localCode(code: unknown, metadata: Record<string, unknown>): string | undefined {
  if (typeof code === 'string') return code;
  const asset = metadata['aws:asset:path'];
  return typeof asset === 'string' ? asset : undefined;
}

/** SAM's `Metadata: BuildMethod: esbuild` with `BuildProperties`, in esbuild's terms. */
export function esbuildProperties(metadata: Record<string, unknown>): EsbuildProperties | undefined {
  if (String(metadata.BuildMethod).toLowerCase() !== 'esbuild') return undefined;
  const b = isRecord(metadata.BuildProperties) ? metadata.BuildProperties : {};
  const list = (value: unknown) =>
    Array.isArray(value)
      ? value.map(String)
      : typeof value === 'string'
        ? value.split(',').map((s) => s.trim())
        : undefined;
  const props: EsbuildProperties = {};
  if (b.EntryPoints !== undefined) props.entryPoints = list(b.EntryPoints);
  if (b.Format !== undefined) props.format = String(b.Format) === 'esm' ? 'esm' : 'cjs';
  if (b.Target !== undefined) props.target = String(b.Target);
  if (b.Sourcemap !== undefined) props.sourcemap = bool(b.Sourcemap);
  if (b.Minify !== undefined) props.minify = bool(b.Minify);
  if (b.External !== undefined) props.external = list(b.External);
  if (b.MainFields !== undefined) props.mainFields = list(b.MainFields);
  if (b.OutExtension !== undefined) props.outExtension = list(b.OutExtension);
  if (b.Banner !== undefined) props.banner = String(b.Banner);
  return props;
}
