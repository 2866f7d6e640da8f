// Starts the local S3 alone (the storage service behind eddy's real HTTP server and S3 adapter) so tests
// can choose the state folder and mapped buckets, and gives an @aws-sdk/client-s3 client pointed at it.
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { s3Adapter } from '../../../src/api/s3/index.js';
import { ApiDispatcher, createEddyServer } from '../../../src/api/server.js';
import type { ServiceContext } from '../../../src/services/core/service.js';
import { StorageService } from '../../../src/services/storage/service.js';
import { systemClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/database.js';
import { emptyApp, type AppModel } from '../../../src/template/model.js';
import { TraceHub } from '../../../src/trace/hub.js';

/** Credentials and region every integration client uses; path-style as for an IP endpoint. */
export const s3ClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** A running local S3. */
export interface S3Harness {
  endpoint: string;
  s3: S3Client;
  service: StorageService;
  stop(): Promise<void>;
}

/** Options: a state folder (in memory when omitted), mapped buckets and an App model to apply. */
export interface S3HarnessOptions {
  stateDir?: string;
  buckets?: Record<string, string>;
  app?: AppModel;
}

/** Starts the storage service and the server on a free port. */
export async function startS3(options: S3HarnessOptions = {}): Promise<S3Harness> {
  const store = openStore(options.stateDir ? { stateDir: options.stateDir } : { inMemory: true });
  const service = new StorageService();
  const context: ServiceContext = {
    config: {
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: '',
      stateDir: options.stateDir,
      buckets: options.buckets,
    },
    store,
    trace: new TraceHub(),
    clock: systemClock,
    logger: silentLogger,
    router: { invoke: () => Promise.reject(new Error('no router in storage tests')) },
    lookup: () => undefined,
  };
  await service.start(context);
  await service.apply(options.app ?? emptyApp({ region: 'us-east-1', accountId: '000000000000' }));
  const server = createEddyServer(new ApiDispatcher([s3Adapter([service])]), []);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const s3 = new S3Client(s3ClientConfig(endpoint));
  return {
    endpoint,
    s3,
    service,
    async stop() {
      s3.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.dispose();
      store.close();
    },
  };
}
