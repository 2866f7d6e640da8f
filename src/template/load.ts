// Template → App model: parse, expand SAM, check references, resolve intrinsics, build the models.
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { EddyError } from '../shared/errors.js';
import { applyInvokeConfig } from './build/invoke-config.js';
import { addModel, ADJUSTERS, BUILDERS } from './build/registry.js';
import type { BuildInput } from './build/types.js';
import { formatPosition, templateError } from './errors.js';
import { emptyApp, type AppModel, type LoadOptions, type SourcePosition } from './model.js';
import { partitionOf, urlSuffixOf } from './names/arns.js';
import { parseTemplateText, type ParsedTemplate } from './reader/parse.js';
import { isRecord } from './resources.js';
import { createResolveContext } from './resolve/create-context.js';
import { checkReferences, checkResourceGraph } from './resolve/references.js';
import { resolveValue } from './resolve/resolve.js';
import { NO_VALUE } from './resolve/context.js';
import { expandResources } from './sam/expand.js';

/** Read a SAM / CloudFormation template file and build the App model (throws EddyError). */
export async function loadTemplate(file: string, options: LoadOptions = {}): Promise<AppModel> {
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new EddyError('TEMPLATE_NOT_FOUND', `Cannot read the template ${absolute}`, {
      fix: 'Run eddy in the folder that holds template.yaml, or pass --template <file>.',
      cause,
    });
  }
  return buildApp(parseTemplateText(text, displayPath(absolute)), absolute, options);
}

/** A path as errors show it: relative to the working folder when inside it. */
export function displayPath(absolute: string): string {
  const shown = relative(process.cwd(), absolute);
  return shown === '' || shown.startsWith('..') ? absolute : shown;
}

/** Build the App model from a parsed template whose file is `templateFile`. */
export function buildApp(parsed: ParsedTemplate, templateFile: string, options: LoadOptions = {}): AppModel {
  const { doc, positions, file } = parsed;
  if (!isRecord(doc)) {
    throw templateError(
      'TEMPLATE_INVALID',
      'The template is not a map of sections',
      { file, line: 1, column: 1 },
      'Start the template with sections such as AWSTemplateFormatVersion, Transform and Resources.',
    );
  }
  const rootDir = dirname(resolve(templateFile));
  const region = options.region ?? 'us-east-1';
  const app = emptyApp({ region, accountId: options.accountId, templateFile: resolve(templateFile) });
  app.rootDir = rootDir;
  app.stackName = options.stackName ?? basename(rootDir);
  app.partition = partitionOf(region);
  app.buses = [];
  const warn = (message: string, position?: SourcePosition) => {
    const at = formatPosition(position);
    app.warnings.push({ message: at ? `${message}, ${at}` : message, position });
  };
  const resources = expandResources(doc, { file, rootDir, positions, warn });
  const scope = {
    region,
    accountId: app.accountId,
    partition: app.partition,
    stackName: app.stackName,
    urlSuffix: urlSuffixOf(region),
    endpoint: (options.endpoint ?? 'http://127.0.0.1:4949').replace(/\/+$/, ''),
  };
  const ctx = createResolveContext({
    doc,
    positions,
    resources,
    scope,
    overrides: options.parameterOverrides ?? {},
    warn,
  });
  const parameterNames = new Set(ctx.parameters.keys());
  checkReferences(doc.Conditions, positions, parameterNames, new Set());
  checkResourceGraph(resources, positions, parameterNames);
  checkReferences(doc.Outputs, positions, parameterNames, ctx.resourceIds);
  const adjusters: BuildInput[] = [];
  for (const resource of resources) {
    if (resource.condition !== undefined && !ctx.condition(resource.condition, resource.position)) continue;
    if (resource.implicit) continue;
    const entry = BUILDERS[resource.type];
    if (!entry && !ADJUSTERS.has(resource.type)) {
      app.unsupported.push({
        logicalId: resource.logicalId,
        type: resource.type,
        position: resource.position,
      });
      warn(`not emulated: ${resource.type} ${resource.logicalId}`, resource.position);
      continue;
    }
    const input: BuildInput = {
      resource,
      props: resolveValue(resource.properties, ctx) as Record<string, unknown>,
      identity: ctx.identity(resource.logicalId, resource.position),
      scope,
      rootDir,
      warn,
    };
    if (!entry) adjusters.push(input);
    else {
      const model = entry.build(input);
      if (model) addModel(app, entry.collection, model);
      else
        app.unsupported.push({
          logicalId: resource.logicalId,
          type: resource.type,
          position: resource.position,
        });
    }
  }
  for (const input of adjusters) applyInvokeConfig(input, app.functions);
  // The default bus always exists in every account and region.
  if (!app.buses.some((b) => b.name === 'default'))
    app.buses.unshift(emptyApp({ region, accountId: app.accountId }).buses[0]);
  app.outputs = resolveOutputs(doc.Outputs, ctx);
  return app;
}

function resolveOutputs(
  outputs: unknown,
  ctx: ReturnType<typeof createResolveContext>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(outputs)) return out;
  for (const [name, output] of Object.entries(outputs)) {
    if (!isRecord(output)) continue;
    if (
      typeof output.Condition === 'string' &&
      !ctx.condition(output.Condition, ctx.positions.key(outputs, name))
    )
      continue;
    const value = resolveValue(output.Value, ctx);
    if (value !== NO_VALUE) out[name] = value;
  }
  return out;
}
