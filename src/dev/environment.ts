// The dev environment: loads the template, opens the store, starts the services and the server,
// watches the template, and reloads by validating first, then swapping the App model under a lock.
// A newer change supersedes an older reload still in flight (wrangler's DevEnv idea).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiDispatcher, createEddyServer } from '../api/server.js';
import { createApiAdapters } from '../api/registry.js';
import { requestGuard } from '../api/request-guard.js';
import type { Credentials, Service, ServiceContext } from '../services/core/service.js';
import { createServices } from '../services/registry.js';
import { ServiceRouter } from '../services/router.js';
import { EddyError } from '../shared/errors.js';
import { openStore, type Store } from '../store/database.js';
import { loadTemplate } from '../template/index.js';
import { emptyApp, type AppModel } from '../template/model.js';
import { TraceHub } from '../trace/hub.js';
import { newTraceId } from '../trace/record.js';
import { consoleApi } from './console-api.js';
import { consoleEndpoint } from './console-endpoint.js';
import { localEndpoints } from './local-endpoints.js';
import { emulatedCount } from './resources.js';
import { resolveDevOptions, type DevOptions, type ResolvedDevOptions } from './options.js';
import { removeServerInfo, writeServerInfo } from './server-info.js';
import { storeTraceSink } from './trace-sink.js';
import { createNoopWatcher, createWatcher, fileStamp, type FileWatcher } from './watcher.js';

/** The outcome of a reload. */
export type ReloadResult = { ok: true; app: AppModel } | { ok: false; error: Error } | { ok: 'superseded' };

/** A running local cloud. Create with `DevEnvironment.start(options)`. */
export class DevEnvironment {
  readonly trace: TraceHub;
  private readonly traceSink: ReturnType<typeof storeTraceSink>;
  private app: AppModel;
  private server?: Server;
  private watcher: FileWatcher = createNoopWatcher();
  private reloadSeq = 0;
  private applying: Promise<unknown> = Promise.resolve();
  private readonly dispatcher = new ApiDispatcher();
  endpoint = '';

  private constructor(
    readonly options: ResolvedDevOptions,
    readonly store: Store,
    readonly services: Service[],
  ) {
    this.traceSink = storeTraceSink(store);
    this.trace = new TraceHub(this.traceSink);
    this.app = emptyApp({
      region: options.region,
      accountId: options.accountId,
      templateFile: options.template,
    });
  }

  /** Starts everything; throws EddyError for a bad template or a port in use, leaving nothing running. */
  static async start(options: DevOptions = {}): Promise<DevEnvironment> {
    const resolved = resolveDevOptions(options);
    const store = openStore(resolved.stateDir ? { stateDir: resolved.stateDir } : { inMemory: true });
    const env = new DevEnvironment(resolved, store, createServices({ watch: resolved.watch }));
    try {
      await env.listen();
      const app = await env.load();
      await env.startServices();
      await env.applyApp(app);
      // Only now: a request served before the template's buses and queues exist would be acknowledged
      // and dropped, and work resumed earlier would find its targets missing.
      env.dispatcher.use(createApiAdapters(env.services));
      for (const service of env.services) service.resume?.();
      if (resolved.watch && resolved.template) {
        env.watcher = createWatcher([resolved.template], () => void env.reload());
      }
      if (resolved.stateDir) {
        writeServerInfo(resolved.stateDir, {
          endpoint: env.endpoint,
          pid: process.pid,
          template: resolved.template,
          startedAt: new Date().toISOString(),
        });
      }
      return env;
    } catch (error) {
      await env.stop();
      throw error;
    }
  }

  /** The App model running now. */
  get currentApp(): AppModel {
    return this.app;
  }

  /** Reloads the template: a broken template keeps the last good app running and reports the error. */
  async reload(): Promise<ReloadResult> {
    const seq = ++this.reloadSeq;
    const stamp = this.templateStamp();
    let app: AppModel;
    try {
      app = await this.load();
    } catch (error) {
      if (seq !== this.reloadSeq) return { ok: 'superseded' };
      const err = error as Error;
      this.trace.publish({
        kind: 'error',
        traceId: newTraceId(),
        resource: this.options.template,
        payload: {
          message: err.message,
          code: (err as EddyError).code,
          location: (err as EddyError).location,
        },
      });
      this.options.logger.error(`reload failed, still running the last good template: ${err.message}`);
      if (seq === this.reloadSeq && this.templateStamp() !== stamp) return this.reload();
      return { ok: false, error: err };
    }
    if (seq !== this.reloadSeq) return { ok: 'superseded' };
    try {
      await this.applyApp(app);
    } catch (error) {
      // A service that cannot apply the new app keeps running what it had; the error is reported.
      const err = error as Error;
      this.trace.publish({
        kind: 'error',
        traceId: newTraceId(),
        resource: app.templateFile,
        payload: { message: err.message },
      });
      this.options.logger.error(`reload failed: ${err.message}`);
      return { ok: false, error: err };
    }
    // A save that lands while the template is being read can be coalesced away by the watcher: if the
    // file changed since we read it, read it again.
    if (seq === this.reloadSeq && this.templateStamp() !== stamp) return this.reload();
    return { ok: true, app };
  }

  /** Size and modification time of the template, to notice a write during a reload. */
  private templateStamp(): string {
    return this.options.template ? fileStamp(this.options.template) : '';
  }

  /** Stops the watcher, the server and the services, and closes the store. */
  async stop(): Promise<void> {
    await this.watcher.close();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    for (const service of [...this.services].reverse()) await service.dispose().catch(() => undefined);
    if (this.options.stateDir) removeServerInfo(this.options.stateDir);
    this.traceSink.flush();
    this.store.close();
  }

  private async load(): Promise<AppModel> {
    const { template, region, accountId, parameterOverrides } = this.options;
    if (!template) return emptyApp({ region, accountId });
    return loadTemplate(template, { region, accountId, parameterOverrides, endpoint: this.endpoint });
  }

  private async startServices(): Promise<void> {
    const router = new ServiceRouter(() => this.services);
    const context: ServiceContext = {
      config: {
        region: this.options.region,
        accountId: this.options.accountId,
        endpoint: this.endpoint,
        stateDir: this.options.stateDir,
        buckets: this.options.buckets,
        credentials: handlerCredentials(this.options.auth),
      },
      store: this.store,
      trace: this.trace,
      clock: this.options.clock,
      logger: this.options.logger,
      router,
      lookup: <T extends Service>(name: string) =>
        this.services.find((s) => s.name === name) as T | undefined,
    };
    for (const service of this.services) await service.start(context);
  }

  /** Applies the app to every service, one reload at a time. */
  private applyApp(app: AppModel): Promise<void> {
    const run = this.applying.then(async () => {
      for (const service of this.services) await service.apply(app);
      this.app = app;
      this.trace.publish({
        kind: 'reload',
        traceId: newTraceId(),
        resource: app.templateFile,
        payload: {
          template: app.templateFile,
          resources: emulatedCount(app),
          notEmulated: app.unsupported.map((r) => `${r.type} ${r.logicalId}`),
          warnings: app.warnings.map((w) => w.message),
        },
      });
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async listen(): Promise<void> {
    this.dispatcher.requireSignatures(new Map(Object.entries(this.options.auth)));
    const server = createEddyServer(this.dispatcher, [
      requestGuard(this.options.host),
      consoleApi({ trace: this.trace, app: () => this.app }),
      consoleEndpoint(),
      localEndpoints({ trace: this.trace, app: () => this.app, startedAt: Date.now() }),
    ]);
    const { port, host } = this.options;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          reject(
            new EddyError('PORT_IN_USE', `Port ${port} on ${host} is already in use`, {
              fix: `Stop the process using it (another \`eddy dev\`?) or pick another port: eddy dev --port ${port + 1}`,
            }),
          );
        } else reject(error);
      });
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.endpoint = `http://${shownHost}:${address.port}`;
  }
}

/** Under --auth, handlers sign their own calls with the first configured key (they run as that user). */
function handlerCredentials(auth: Record<string, string>): Credentials | undefined {
  const [first] = Object.entries(auth);
  return first && { accessKeyId: first[0], secretAccessKey: first[1] };
}
