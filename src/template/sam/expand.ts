// Read the Resources section and expand the SAM transform into plain CloudFormation resources.
import { templateError } from '../errors.js';
import type { SourcePosition } from '../model.js';
import type { SourceMap } from '../reader/source-map.js';
import { isRecord, type TemplateResource } from '../resources.js';
import type { ExpandContext } from './context.js';
import { expandFunction } from './function.js';
import { expandStateMachine } from './state-machine.js';

/** The SAM transform's name. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Inputs of the expansion. */
export interface ExpandOptions {
  file: string;
  rootDir: string;
  positions: SourceMap;
  warn(message: string, position?: SourcePosition): void;
}

/** The template's resources with every `AWS::Serverless::Function` / `StateMachine` expanded. */
export function expandResources(doc: Record<string, unknown>, options: ExpandOptions): TemplateResource[] {
  const declared = readResources(doc, options.positions, options.file);
  const out = new Map<string, TemplateResource>();
  const ctx: ExpandContext = {
    ...options,
    add(resource) {
      // A resource the user declared wins over one SAM would generate with the same id.
      if (!out.has(resource.logicalId)) out.set(resource.logicalId, resource);
    },
  };
  for (const resource of declared) out.set(resource.logicalId, resource);
  const globals = isRecord(doc.Globals) ? doc.Globals : {};
  const transforms = [doc.Transform].flat();
  let sam = false;
  for (const resource of declared) {
    if (resource.type === 'AWS::Serverless::Function') {
      out.delete(resource.logicalId);
      expandFunction(resource, globals.Function, ctx);
      sam = true;
    } else if (resource.type === 'AWS::Serverless::StateMachine') {
      out.delete(resource.logicalId);
      expandStateMachine(resource, globals.StateMachine, ctx);
      sam = true;
    }
  }
  if (sam && !transforms.includes(SAM_TRANSFORM)) {
    options.warn(
      `AWS::Serverless resources need 'Transform: ${SAM_TRANSFORM}' to deploy; expanded anyway`,
      options.positions.node(doc),
    );
  }
  return [...out.values()];
}

function readResources(doc: Record<string, unknown>, positions: SourceMap, file: string): TemplateResource[] {
  const resources = doc.Resources;
  if (!isRecord(resources) || Object.keys(resources).length === 0) {
    throw templateError(
      'TEMPLATE_INVALID',
      'The template has no Resources section (CloudFormation requires at least one resource)',
      positions.key(doc, 'Resources') ?? { file, line: 1, column: 1 },
      'Add a Resources section with at least one resource.',
    );
  }
  return Object.entries(resources).map(([logicalId, raw]) => {
    const position = positions.key(resources, logicalId);
    if (!isRecord(raw) || typeof raw.Type !== 'string') {
      throw templateError(
        'TEMPLATE_INVALID_RESOURCE',
        `Resource '${logicalId}' has no Type`,
        position,
        `Give '${logicalId}' a Type, such as AWS::SQS::Queue or AWS::Serverless::Function.`,
      );
    }
    const properties = isRecord(raw.Properties) ? raw.Properties : {};
    if (!isRecord(raw.Properties)) positions.setNode(properties, position ?? { file, line: 1, column: 1 });
    const definitionKey = ['Definition', 'DefinitionString'].find((k) => k in properties);
    return {
      definitionPosition: definitionKey ? positions.value(properties, definitionKey) : undefined,
      logicalId,
      type: raw.Type,
      properties,
      metadata: isRecord(raw.Metadata) ? raw.Metadata : {},
      dependsOn: [raw.DependsOn ?? []].flat().map(String),
      condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
      position,
    };
  });
}
