// The ResolveContext of one template: parameters, conditions, mappings and lazily computed identities.
import { suggestion, templateError } from '../errors.js';
import type { SourcePosition } from '../model.js';
import { resourceIdentity, type IdentityScope } from '../names/identity.js';
import type { SourceMap } from '../reader/source-map.js';
import { isRecord, type ResourceIdentity, type TemplateResource } from '../resources.js';
import { conditionEvaluator } from './conditions.js';
import { NO_VALUE, type ResolveContext } from './context.js';
import { resolveParameters } from './parameters.js';
import { resolveValue } from './resolve.js';

/** Inputs of a ResolveContext. */
export interface ContextInputs {
  doc: Record<string, unknown>;
  positions: SourceMap;
  resources: readonly TemplateResource[];
  scope: IdentityScope;
  overrides: Record<string, string>;
  warn(message: string, position?: SourcePosition): void;
}

/** A context whose identities are computed on first use (each from its resolved name properties). */
export function createResolveContext(inputs: ContextInputs): ResolveContext {
  const { doc, positions, scope } = inputs;
  const byId = new Map(inputs.resources.map((r) => [r.logicalId, r]));
  const identities = new Map<string, ResourceIdentity>();
  const computing: string[] = [];
  const ctx: ResolveContext = {
    positions,
    pseudo: { ...scope },
    parameters: resolveParameters(doc.Parameters, inputs.overrides, positions, inputs.warn),
    mappings: isRecord(doc.Mappings) ? doc.Mappings : {},
    condition: conditionEvaluator(doc.Conditions, positions, () => ctx),
    resourceIds: new Set(byId.keys()),
    warn: inputs.warn,
    identity(logicalId, position) {
      const known = identities.get(logicalId);
      if (known) return known;
      const resource = byId.get(logicalId);
      if (!resource) {
        throw templateError(
          'TEMPLATE_UNKNOWN_REF',
          `'${logicalId}' is not a resource of the template`,
          position,
          `Declare a Resource named '${logicalId}', or fix the name${suggestion(logicalId, byId.keys())}.`,
        );
      }
      if (resource.condition !== undefined && !ctx.condition(resource.condition, resource.position)) {
        throw templateError(
          'TEMPLATE_UNKNOWN_REF',
          `'${logicalId}' is referenced but not created: its Condition '${resource.condition}' is false`,
          position,
          `Guard the reference with !If [${resource.condition}, ..., !Ref AWS::NoValue], or change the condition.`,
        );
      }
      if (computing.includes(logicalId)) {
        throw templateError(
          'TEMPLATE_CYCLE',
          `Circular dependency between resources: ${[...computing, logicalId].join(' → ')}`,
          resource.position,
          'Break the loop: remove one of the references between these resources.',
        );
      }
      computing.push(logicalId);
      try {
        const read = (name: string) => {
          const value = resolveValue(resource.properties[name], ctx);
          return value === NO_VALUE ? undefined : value;
        };
        const identity = resourceIdentity(resource.type, logicalId, read, scope);
        identities.set(logicalId, identity);
        return identity;
      } finally {
        computing.pop();
      }
    },
  };
  return ctx;
}
