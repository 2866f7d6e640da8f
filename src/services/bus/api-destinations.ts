// EventBridge API destinations: an HTTP endpoint (with `*` wildcards for path parameters), a method, a
// connection and an invocation rate. Template ones and API-created ones live side by side; API-created
// ones are stored (docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html).
import type { ConnectionResources } from '../../store/connections.js';
import type { AppModel } from '../../template/model.js';
import type { Origin } from './model.js';

/** HTTP methods an API destination may use, in the order AWS's validation message lists them. */
export const API_DESTINATION_METHODS = ['HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'GET', 'OPTIONS'] as const;

/** AWS's default InvocationRateLimitPerSecond. */
export const DEFAULT_INVOCATION_RATE = 300;

/** An API destination. */
export interface ApiDestination {
  name: string;
  arn: string;
  origin: Origin;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: string;
  invocationRateLimitPerSecond: number;
  /** Epoch ms. */
  createdAt: number;
  modifiedAt: number;
}

/** The API destinations running now. */
export class ApiDestinationRegistry {
  private readonly byName = new Map<string, ApiDestination>();

  constructor(private readonly stored: ConnectionResources) {}

  /** Loads the API-created destinations of an earlier run. */
  loadStored(): void {
    for (const destination of this.stored.list<ApiDestination>('api-destination'))
      this.byName.set(destination.name, destination);
  }

  /** Applies the template: adds and changes what it declares, removes what it no longer declares. */
  applyTemplate(app: AppModel, now: number): void {
    const models = app.apiDestinations ?? [];
    const declared = new Set(models.map((m) => m.name));
    for (const destination of [...this.byName.values()])
      if (destination.origin === 'template' && !declared.has(destination.name)) this.delete(destination.name);
    for (const model of models) {
      const existing = this.byName.get(model.name);
      if (existing?.origin === 'api') this.stored.delete('api-destination', model.name);
      this.put({
        name: model.name,
        arn: model.arn,
        origin: 'template',
        description: model.description,
        connectionArn: model.connectionArn,
        invocationEndpoint: model.invocationEndpoint,
        httpMethod: model.httpMethod.toUpperCase(),
        invocationRateLimitPerSecond: model.invocationRateLimitPerSecond ?? DEFAULT_INVOCATION_RATE,
        createdAt: existing?.createdAt ?? now,
        modifiedAt: now,
      });
    }
  }

  /** A destination by name. */
  get(name: string): ApiDestination | undefined {
    return this.byName.get(name);
  }

  /** A destination by ARN (`arn:...:api-destination/<name>/<uuid>`). */
  byArn(arn: string): ApiDestination | undefined {
    const name = /:api-destination\/([^/]+)/.exec(arn)?.[1];
    return name === undefined ? undefined : this.byName.get(name);
  }

  /** Every destination, in creation order. */
  all(): ApiDestination[] {
    return [...this.byName.values()];
  }

  /** Adds or replaces a destination; API-created ones are stored. */
  put(destination: ApiDestination): void {
    this.byName.set(destination.name, destination);
    if (destination.origin === 'api') this.stored.put('api-destination', destination.name, destination);
  }

  /** Removes a destination. */
  delete(name: string): void {
    this.byName.delete(name);
    this.stored.delete('api-destination', name);
  }
}

/** The name part of a connection or API destination ARN (`.../connection/<name>/<uuid>` → `<name>`). */
export function nameInArn(arn: string): string | undefined {
  return /:(?:connection|api-destination)\/([^/]+)/.exec(arn)?.[1];
}
