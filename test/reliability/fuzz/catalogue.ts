// The operations to fuzz, read from eddy's own adapter registry (src/api/registry.ts), so an
// operation added to an adapter is fuzzed without touching the fuzzer.
import { createApiAdapters } from '../../../src/api/registry.js';
import { createServices } from '../../../src/services/registry.js';

/** One AWS JSON service: its X-Amz-Target prefix, protocol version and operation names. */
export interface JsonService {
  prefix: string;
  version: '1.0' | '1.1';
  operations: string[];
}

/** One REST route: method and path pattern with `{name}` / `{name+}` segments. */
export interface RestPattern {
  method: string;
  path: string;
}

/** Every JSON operation and REST route eddy serves. */
export interface Catalogue {
  json: JsonService[];
  rest: RestPattern[];
}

/** Builds the catalogue from adapters over fresh, never-started services (adapters only read names). */
export function loadCatalogue(): Catalogue {
  const adapters = createApiAdapters(createServices({ watch: false }));
  return {
    json: adapters.flatMap((a) =>
      (a.json ?? []).map((api) => ({
        prefix: api.targetPrefix,
        version: api.version,
        operations: Object.keys(api.operations),
      })),
    ),
    rest: adapters.flatMap((a) => (a.rest ?? []).map((r) => ({ method: r.method, path: r.path }))),
  };
}
