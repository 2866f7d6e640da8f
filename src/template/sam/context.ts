// What the SAM expansion needs beyond the template itself.
import type { SourcePosition } from '../model.js';
import type { SourceMap } from '../reader/source-map.js';
import type { TemplateResource } from '../resources.js';

/** Shared state of one SAM expansion. */
export interface ExpandContext {
  file: string;
  rootDir: string;
  positions: SourceMap;
  warn(message: string, position?: SourcePosition): void;
  /** Add a generated resource (rule, mapping, schedule, implicit role...). */
  add(resource: TemplateResource): void;
}

/** A SAM-generated resource that eddy does not model but Ref/GetAtt may name (IAM roles). */
export function implicitResource(
  logicalId: string,
  type: string,
  source: TemplateResource,
): TemplateResource {
  return {
    logicalId,
    type,
    properties: {},
    metadata: {},
    dependsOn: [],
    condition: source.condition,
    position: source.position,
    implicit: true,
    samSource: source.logicalId,
  };
}

/** A resource SAM generates from `source`, inheriting its Condition and position. */
export function generatedResource(
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
  source: TemplateResource,
  position = source.position,
): TemplateResource {
  return {
    logicalId,
    type,
    properties: withoutUndefined(properties),
    metadata: {},
    dependsOn: [],
    condition: source.condition,
    position,
    samSource: source.logicalId,
  };
}

/** The object without keys whose value is undefined (SAM leaves unset properties out). */
export function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
