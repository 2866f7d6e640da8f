// Connections and API destinations together, as the bus service holds them: their registries (stored in
// their own table family), OAuth tokens, invocation pacing, and the one call rule targets, pipes and
// enrichments make. OAuth connections are authorized in the background after they are created or
// changed: AUTHORIZING, then AUTHORIZED or DEAUTHORIZED with the reason (eb-target-connection-auth.html).
import { connectionsFamily, ConnectionResources } from '../../store/connections.js';
import type { Store } from '../../store/database.js';
import type { AppModel } from '../../template/model.js';
import { invokeApiDestination, type HttpAnswer, type HttpParameters } from './api-destination-call.js';
import { ApiDestinationRegistry } from './api-destinations.js';
import { ConnectionRegistry, type Connection } from './connections.js';
import { OAuthTokens } from './oauth.js';
import { RateLimiter } from './rate-limiter.js';

/** Connections, API destinations and the calls to them. */
export class HttpDestinations {
  readonly connections: ConnectionRegistry;
  readonly destinations: ApiDestinationRegistry;
  private readonly tokens: OAuthTokens;
  private readonly limiter = new RateLimiter();

  constructor(store: Store, now: () => number) {
    store.migrate(connectionsFamily);
    const stored = new ConnectionResources(store.db);
    this.connections = new ConnectionRegistry(stored);
    this.destinations = new ApiDestinationRegistry(stored);
    this.tokens = new OAuthTokens(now);
    this.connections.loadStored();
    this.destinations.loadStored();
  }

  /** Applies the template's connections and API destinations. */
  applyTemplate(app: AppModel, now: number): void {
    this.connections.applyTemplate(app, now);
    this.destinations.applyTemplate(app, now);
    for (const connection of this.connections.all())
      if (connection.origin === 'template' && connection.state === 'AUTHORIZING') this.authorize(connection);
  }

  /** Calls an API destination; resolves with the endpoint's answer. */
  invoke(arn: string, body: string, http?: HttpParameters): Promise<HttpAnswer> {
    return invokeApiDestination(
      {
        connections: this.connections,
        destinations: this.destinations,
        tokens: this.tokens,
        limiter: this.limiter,
      },
      arn,
      body,
      http,
    );
  }

  /** A connection changed (created, updated, deauthorized, deleted): its cached token is stale. */
  changed(connection: Connection): void {
    this.tokens.forget(connection.arn);
    if (connection.state === 'AUTHORIZING') this.authorize(connection);
  }

  /** A destination changed: its pacing starts over. */
  destinationChanged(arn: string): void {
    this.limiter.forget(arn);
  }

  /** Gets an OAuth connection its first token, in the background, and records the outcome as its state. */
  private authorize(connection: Connection): void {
    this.tokens.token(connection).then(
      () =>
        this.settle(connection, { state: 'AUTHORIZED', stateReason: undefined, authorizedAt: Date.now() }),
      (error: unknown) =>
        this.settle(connection, { state: 'DEAUTHORIZED', stateReason: (error as Error).message }),
    );
  }

  private settle(connection: Connection, patch: Partial<Connection>): void {
    const current = this.connections.get(connection.name);
    // A connection changed or deleted meanwhile keeps its newer state.
    if (current?.arn !== connection.arn || current.modifiedAt !== connection.modifiedAt) return;
    if (current.state !== 'AUTHORIZING') return;
    this.connections.put({ ...current, ...patch });
  }
}
