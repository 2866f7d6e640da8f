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

/** One of eddy's own endpoints under /_eddy/, with the query parameters (and headers) it reads. */
export interface EddyEndpoint {
  path: string;
  params: string[];
  headers: string[];
  /** Answers with a never-ending text/event-stream (the fuzzer reads its start, then hangs up). */
  stream?: boolean;
}

/** Every JSON operation and REST route eddy serves, and eddy's own endpoints. */
export interface Catalogue {
  json: JsonService[];
  rest: RestPattern[];
  eddy: EddyEndpoint[];
}

/**
 * eddy's own endpoints (src/dev/local-endpoints.ts, src/dev/console-api.ts, src/trace/sse.ts). They
 * have no registry to read, so they are listed here; a new one belongs in this list.
 */
export const EDDY_ENDPOINTS: EddyEndpoint[] = [
  { path: '/_eddy/health', params: [], headers: [] },
  { path: '/_eddy/app', params: [], headers: [] },
  { path: '/_eddy/stream', params: ['since'], headers: ['last-event-id'], stream: true },
  { path: '/_eddy/events', params: ['limit', 'before', 'pattern'], headers: [] },
  { path: '/_eddy/trace', params: ['traceId', 'from'], headers: [] },
  { path: '/_eddy/fixtures', params: [], headers: [] },
];

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
    eddy: EDDY_ENDPOINTS,
  };
}
