// The Pipes API adapter: REST JSON routes under /v1/pipes and /tags/{arn}.
import type { Service } from '../../services/core/service.js';
import { PipesService } from '../../services/pipes/service.js';
import type { ApiAdapter, ApiRequest, RestResponse, RestRoute } from '../protocol.js';
import { parseJsonBody } from '../json-protocol.js';
import { PipesOperations } from './operations.js';

function ok(body: object): RestResponse {
  return { status: 200, body };
}

function json(request: ApiRequest): Record<string, unknown> {
  return parseJsonBody(request.body);
}

/** The Pipes adapter when the pipes service runs. */
export function pipesAdapter(services: readonly Service[]): ApiAdapter {
  const service = services.find((s): s is PipesService => s instanceof PipesService);
  if (!service) return {};
  const ops = new PipesOperations(service, service.scope);
  const routes: RestRoute[] = [
    { method: 'GET', path: '/v1/pipes', handle: (r) => ok(ops.list(r.query)) },
    {
      method: 'POST',
      path: '/v1/pipes/{Name}/start',
      handle: async (_r, p) => ok(await ops.setDesiredState(p.Name, 'RUNNING')),
    },
    {
      method: 'POST',
      path: '/v1/pipes/{Name}/stop',
      handle: async (_r, p) => ok(await ops.setDesiredState(p.Name, 'STOPPED')),
    },
    {
      method: 'POST',
      path: '/v1/pipes/{Name}',
      handle: async (r, p) => ok(await ops.create(p.Name, json(r))),
    },
    { method: 'GET', path: '/v1/pipes/{Name}', handle: (_r, p) => ok(ops.describe(p.Name)) },
    {
      method: 'PUT',
      path: '/v1/pipes/{Name}',
      handle: async (r, p) => ok(await ops.update(p.Name, json(r))),
    },
    { method: 'DELETE', path: '/v1/pipes/{Name}', handle: async (_r, p) => ok(await ops.delete(p.Name)) },
    {
      method: 'GET',
      path: '/tags/{arn+}',
      handle: (_r, p) => ok({ tags: ops.byArn(p.arn).definition.Tags }),
    },
    {
      method: 'POST',
      path: '/tags/{arn+}',
      handle: async (r, p) => {
        const tags = (json(r).tags ?? {}) as Record<string, string>;
        return ok(await ops.retag(p.arn, (current) => ({ ...current, ...tags })));
      },
    },
    {
      method: 'DELETE',
      path: '/tags/{arn+}',
      handle: async (r, p) => {
        const keys = r.query.getAll('tagKeys');
        return ok(
          await ops.retag(p.arn, (current) => {
            for (const key of keys) delete current[key];
            return current;
          }),
        );
      },
    },
  ];
  return { rest: routes };
}
