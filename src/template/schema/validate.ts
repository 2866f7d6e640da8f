// Check a template against SAM's published JSON schema (what `sam deploy` would reject), reporting
// each problem with the template position when the template was parsed with positions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { formatPosition } from '../errors.js';
import type { SourceMap } from '../reader/source-map.js';

/** One schema problem. */
export interface SchemaProblem {
  message: string;
  location?: string;
}

// ajv-draft-04 is CommonJS with a default export; createRequire avoids ESM interop differences.
const require = createRequire(import.meta.url);
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const Ajv = require('ajv-draft-04') as new (options: object) => {
      compile(schema: object): ValidateFunction;
    };
    const schema = JSON.parse(readFileSync(new URL('./sam.schema.json', import.meta.url), 'utf8')) as object;
    compiled = new Ajv({ strict: false, allErrors: false, logger: false }).compile(schema);
  }
  return compiled;
}

/** Problems SAM's schema finds in a long-form template (see toLongForm); [] when it is valid. */
export function validateSamSchema(doc: unknown, positions?: SourceMap): SchemaProblem[] {
  const validate = validator();
  if (validate(doc)) return [];
  return dedupe(validate.errors ?? []).map((error) => {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = path.length ? path.join('.') : 'template';
    const extra =
      error.keyword === 'additionalProperties'
        ? ` '${String((error.params as { additionalProperty?: string }).additionalProperty)}'`
        : '';
    return {
      message: `${where}: ${error.message ?? 'is invalid'}${extra}`,
      location: positions ? formatPosition(positions.at(doc, path)) : undefined,
    };
  });
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath} ${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
