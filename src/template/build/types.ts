// What a model builder gets: one resolved resource, its identity, and the app-wide scope.
import type { SourcePosition } from '../model.js';
import type { IdentityScope } from '../names/identity.js';
import type { ResourceIdentity, TemplateResource } from '../resources.js';

/** One resource ready to become a model. */
export interface BuildInput {
  resource: TemplateResource;
  /** Properties with every intrinsic resolved. */
  props: Record<string, unknown>;
  identity: ResourceIdentity;
  scope: IdentityScope;
  rootDir: string;
  warn(message: string, position?: SourcePosition): void;
}

/** A resolved value as a string, or undefined. */
export function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A resolved value as a number (CloudFormation passes numbers as strings too), or undefined. */
export function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** A resolved value as a boolean (`true`, `"true"`), or undefined. */
export function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  return value === true || String(value).toLowerCase() === 'true';
}

/** An event pattern as JSON text: CloudFormation takes it as an object or as a JSON string. */
export function patternText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A plain map of strings (environment variables, tags). */
export function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, str(v) ?? '']));
}

/** CloudFormation's `[{Key, Value}]` tag list (or a map, as SAM writes tags) as a map. */
export function tagMap(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return stringMap(value);
  const tags: Record<string, string> = {};
  for (const tag of value) {
    if (tag && typeof tag === 'object' && 'Key' in tag) {
      tags[String(tag.Key)] = str((tag as { Value?: unknown }).Value) ?? '';
    }
  }
  return tags;
}
