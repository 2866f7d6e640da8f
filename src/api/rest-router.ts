// Matches REST requests to routes declared as `/2015-03-31/functions/{name}/invocations`.
import type { RestRoute } from './protocol.js';

interface CompiledRoute {
  route: RestRoute;
  regex: RegExp;
  names: string[];
}

/** Compiles route paths once and finds the route for a request. */
export class RestRouter {
  private readonly routes: CompiledRoute[] = [];

  /** Adds routes; earlier routes win when two match. */
  add(routes: RestRoute[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{(\w+)(\\\+)?\}/g, (_, name, greedy) => {
          names.push(name);
          return greedy ? '(.+)' : '([^/]+)';
        });
      this.routes.push({ route, regex: new RegExp(`^${source}/?$`), names });
    }
  }

  /** The route for `method path` with its decoded parameters, or the methods the path allows. */
  find(
    method: string,
    path: string,
  ): { route: RestRoute; params: Record<string, string> } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const { route, regex, names } of this.routes) {
      const m = regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = safeDecode(m[i + 1])));
      return { route, params };
    }
    return { allowed: [...new Set(allowed)] };
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
