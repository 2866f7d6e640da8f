// Test harness: a started FunctionsService over real temp folders, with a router that records the calls
// it is asked to deliver (destinations) and a trace hub the tests read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Clock, systemClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/database.js';
import type { TargetCallOptions } from '../../../src/services/core/service.js';
import { FunctionsService, type FunctionsServiceOptions } from '../../../src/services/functions/service.js';
import { emptyApp, type FunctionModel } from '../../../src/template/model.js';
import { TraceHub } from '../../../src/trace/hub.js';
import type { TraceRecord } from '../../../src/trace/record.js';

/** Writes `files` (relative path → content) under a fresh temp folder and returns it. */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'eddy-fn-test-'));
  writeFiles(root, files);
  return root;
}

/** Writes files under `root`. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A function model with Lambda's defaults. */
export function fnModel(
  name: string,
  codeDir: string,
  overrides: Partial<FunctionModel> = {},
): FunctionModel {
  return {
    kind: 'function',
    logicalId: name,
    name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    handler: 'app.handler',
    runtime: 'nodejs20.x',
    codeDir,
    timeoutSeconds: 3,
    memoryMB: 128,
    environment: {},
    ...overrides,
  };
}

/** A running service and what the tests inspect. */
export interface Harness {
  service: FunctionsService;
  records: TraceRecord[];
  routed: { arn: string; payload: unknown; options?: TargetCallOptions }[];
  stop(): Promise<void>;
}

/** Starts the service with `functions` applied. */
export async function startFunctions(
  functions: FunctionModel[],
  options: FunctionsServiceOptions & { clock?: Clock; stateDir?: string; rootDir?: string } = {},
): Promise<Harness> {
  const trace = new TraceHub();
  const records: TraceRecord[] = [];
  trace.subscribe((r) => records.push(r));
  const routed: Harness['routed'] = [];
  const store = openStore({ inMemory: true });
  const service = new FunctionsService({ watch: false, ...options });
  await service.start({
    config: {
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://127.0.0.1:4949',
      stateDir: options.stateDir,
    },
    store,
    trace,
    clock: options.clock ?? systemClock,
    logger: silentLogger,
    router: {
      invoke: async (arn, payload, callOptions) => {
        routed.push({ arn, payload, options: callOptions });
        return undefined;
      },
    },
    lookup: () => undefined,
  });
  const app = emptyApp();
  // The temp folder by default, so builds never land in this repository's node_modules.
  await service.apply({ ...app, rootDir: options.rootDir ?? tmpdir(), functions });
  return {
    service,
    records,
    routed,
    stop: async () => {
      await service.dispose();
      store.close();
    },
  };
}

/** Removes temp folders. */
export function cleanup(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
