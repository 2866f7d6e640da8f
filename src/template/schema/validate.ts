// Check a template against SAM's published JSON schema (what `sam deploy` would reject), reporting
// each problem with the template position when the template was parsed with positions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { formatPosition } from '../errors.js';
import type { SourceMap } from '../reader/source-map.js';
import { isRecord } from '../resources.js';

/** One schema problem. */
export interface SchemaProblem {
  message: string;
  location?: string;
}

interface AjvLike {
  addSchema(schema: object, key: string): void;
  getSchema(key: string): ValidateFunction | undefined;
  compile(schema: object): ValidateFunction;
}

// ajv-draft-04 is CommonJS with a default export; createRequire avoids ESM interop differences.
const require = createRequire(import.meta.url);
let state: { ajv: AjvLike; full: ValidateFunction; definitionOf: Map<string, string> } | undefined;
const byDefinition = new Map<string, ValidateFunction>();

function load() {
  if (state) return state;
  const Ajv = require('ajv-draft-04') as new (options: object) => AjvLike;
  const schema = JSON.parse(readFileSync(new URL('./sam.schema.json', import.meta.url), 'utf8')) as {
    definitions: Record<string, { properties?: { Type?: { enum?: string[] } } }>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addSchema(schema, 'sam');
  // Resources is an anyOf over every type; validating each resource against the definition of its
  // own Type gives the errors of that type only, instead of one per anyOf branch.
  const definitionOf = new Map<string, string>();
  for (const [key, definition] of Object.entries(schema.definitions)) {
    for (const type of definition.properties?.Type?.enum ?? []) definitionOf.set(type, key);
  }
  state = { ajv, full: ajv.getSchema('sam') as ValidateFunction, definitionOf };
  return state;
}

function validatorFor(definition: string): ValidateFunction {
  let validate = byDefinition.get(definition);
  if (!validate) {
    validate = load().ajv.compile({ $ref: `sam#/definitions/${definition}` });
    byDefinition.set(definition, validate);
  }
  return validate;
}

/** Problems SAM's schema finds in a long-form template (see toLongForm); [] when it is valid. */
export function validateSamSchema(doc: unknown, positions?: SourceMap): SchemaProblem[] {
  const { full, definitionOf } = load();
  const problems: SchemaProblem[] = [];
  const resources = isRecord(doc) && isRecord(doc.Resources) ? doc.Resources : {};
  for (const [id, resource] of Object.entries(resources)) {
    const type = isRecord(resource) ? String(resource.Type) : '';
    const definition = definitionOf.get(type);
    if (!definition || !type.startsWith('AWS::Serverless::')) continue;
    const validate = validatorFor(definition);
    if (!validate(resource))
      problems.push(...describe(validate.errors ?? [], ['Resources', id], doc, positions));
  }
  if (problems.length === 0 && !full(doc))
    problems.push(...describe(full.errors ?? [], [], doc, positions).slice(0, 5));
  return problems;
}

function describe(
  errors: ErrorObject[],
  prefix: string[],
  doc: unknown,
  positions?: SourceMap,
): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const error of errors) {
    const path = [
      ...prefix,
      ...error.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
    ];
    let message = error.message ?? 'is invalid';
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    if (error.keyword === 'additionalProperties' && extra !== undefined) {
      path.push(extra);
      message = 'is not a property SAM knows';
    }
    const text = `${path.join('.') || 'template'}: ${message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ message: text, location: positions ? formatPosition(positions.at(doc, path)) : undefined });
  }
  return out;
}
