// Queue and pipe figures. Throughput of SendMessageBatch and ReceiveMessage + DeleteMessageBatch in
// batches of 10 over HTTP with a durable (file) store, beside the same operations straight on the store
// (the SQLite repository, no HTTP, no service) and through the service in-process, in the same run; then
// the pipe latency from SendMessage to the first line of the target function (median and p99).
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createApiAdapters } from '../../src/api/registry.js';
import { ApiDispatcher, createEddyServer } from '../../src/api/server.js';
import { systemClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { openStore } from '../../src/store/database.js';
import { QueueMessages } from '../../src/store/queues-messages.js';
import { queuesFamily } from '../../src/store/queues.js';
import type { Service, ServiceContext } from '../../src/services/core/service.js';
import { FunctionsService } from '../../src/services/functions/service.js';
import { PipesService } from '../../src/services/pipes/service.js';
import { QueuesService } from '../../src/services/queues/service.js';
import { ServiceRouter } from '../../src/services/router.js';
import { emptyApp, type AppModel } from '../../src/template/model.js';
import { TraceHub } from '../../src/trace/hub.js';
import { startEddy } from '../../src/testing/index.js';

const MESSAGES = 5_000;
const PIPE_SAMPLES = 200;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const body = (i: number) =>
  JSON.stringify({ orderId: i, items: [{ sku: 'A-1', qty: 2 }], note: 'x'.repeat(100) });

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function rate(label: string, count: number, fn: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await fn();
  const perSecond = count / ((performance.now() - start) / 1000);
  return perSecond;
}

/** The same batches straight on the SQLite repository. */
async function storeBaseline(dir: string): Promise<{ send: number; receive: number }> {
  const store = openStore({ stateDir: dir });
  store.migrate(queuesFamily);
  const messages = new QueueMessages(store.db);
  const send = await rate('store send', MESSAGES, () => {
    for (let i = 0; i < MESSAGES; i += 10) {
      messages.transaction(() => {
        for (let j = i; j < i + 10; j++) {
          messages.insert({
            queue: 'bench',
            id: `id-${j}`,
            body: body(j),
            attributes: null,
            system: null,
            sent: Date.now(),
            visible_at: Date.now(),
            group_id: null,
            dedup_id: null,
            sequence: null,
            sender: '0',
            trace_id: null,
            dlq_source: null,
          });
        }
      });
    }
  });
  const receive = await rate('store receive', MESSAGES, () => {
    for (;;) {
      const now = Date.now();
      const rows = messages.transaction(() => {
        const got = messages.visible('bench', now, 10);
        for (const row of got) messages.markReceived(row.seq, `r-${row.seq}`, now + 30_000, now);
        return got;
      });
      if (rows.length === 0) break;
      messages.transaction(() => rows.forEach((row) => messages.delete(row.seq)));
    }
  });
  store.close();
  return { send, receive };
}

/** The same batches through the queues service in-process (validation, MD5s, traces; no HTTP). */
async function serviceBaseline(dir: string): Promise<{ send: number; receive: number }> {
  const store = openStore({ stateDir: dir });
  const service = new QueuesService();
  await service.start(context(store, [service]));
  const { QueueUrl } = service.queueOps.createQueue({ QueueName: 'bench' });
  const send = await rate('service send', MESSAGES, () => {
    for (let i = 0; i < MESSAGES; i += 10) {
      service.messageOps.sendMessageBatch({
        QueueUrl,
        Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `m${j}`, MessageBody: body(i + j) })),
      });
    }
  });
  const receive = await rate('service receive', MESSAGES, async () => {
    for (;;) {
      const got = await service.messageOps.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
      if (got.Messages.length === 0) break;
      service.messageOps.deleteMessageBatch({
        QueueUrl,
        Entries: got.Messages.map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle })),
      });
    }
  });
  await service.dispose();
  store.close();
  return { send, receive };
}

/** The batches over HTTP with the AWS SDK against a durable `startEddy`. */
async function httpRun(dir: string): Promise<{ send: number; receive: number }> {
  const eddy = await startEddy({ state: dir });
  const sqs = new SQSClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }));
    const send = await rate('http send', MESSAGES, async () => {
      for (let i = 0; i < MESSAGES; i += 10) {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `m${j}`, MessageBody: body(i + j) })),
          }),
        );
      }
    });
    const receive = await rate('http receive', MESSAGES, async () => {
      for (;;) {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
        if (!got.Messages?.length) break;
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: got.Messages.map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
    });
    return { send, receive };
  } finally {
    sqs.destroy();
    await eddy.stop();
  }
}

function context(
  store: ReturnType<typeof openStore>,
  services: Service[],
  endpoint = 'http://127.0.0.1:0',
): ServiceContext {
  return {
    config: { region: 'us-east-1', accountId: '000000000000', endpoint },
    store,
    trace: new TraceHub(),
    clock: systemClock,
    logger: silentLogger,
    router: new ServiceRouter(() => services),
    lookup: <T extends Service>(name: string) => services.find((s) => s.name === name) as T | undefined,
  };
}

/** SendMessage over HTTP → pipe → function target; latency to the handler's first line. */
async function pipeLatency(dir: string): Promise<number[]> {
  mkdirSync(dir, { recursive: true });
  const stamps = join(dir, 'stamps.txt');
  writeFileSync(stamps, '');
  writeFileSync(
    join(dir, 'app.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport const handler = async () => {\n  appendFileSync(process.env.STAMPS, Date.now() + '\\n');\n  return null;\n};\n`,
  );
  const store = openStore({ stateDir: join(dir, 'state') });
  const services: Service[] = [
    new QueuesService(),
    new FunctionsService({ watch: false }),
    new PipesService(),
  ];
  const dispatcher = new ApiDispatcher();
  const server = createEddyServer(dispatcher, []);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const ctx = context(store, services, endpoint);
  const delivered: Array<() => void> = [];
  ctx.trace.subscribe((r) => r.kind === 'pipe' && r.payload.stage === 'delivered' && delivered.shift()?.());
  for (const s of services) await s.start(ctx);
  dispatcher.use(createApiAdapters(services));
  const app: AppModel = {
    ...emptyApp(),
    queues: [
      {
        kind: 'queue',
        logicalId: 'In',
        name: 'pipe-in',
        arn: 'arn:aws:sqs:us-east-1:000000000000:pipe-in',
        url: '',
        fifo: false,
        attributes: {},
        tags: {},
      },
    ],
    functions: [
      {
        kind: 'function',
        logicalId: 'Target',
        name: 'target',
        arn: 'arn:aws:lambda:us-east-1:000000000000:function:target',
        handler: 'app.handler',
        runtime: 'nodejs20.x',
        codeDir: dir,
        timeoutSeconds: 3,
        memoryMB: 128,
        environment: { STAMPS: stamps },
      },
    ],
    pipes: [
      {
        kind: 'pipe',
        logicalId: 'P',
        name: 'p',
        arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/p',
        source: 'arn:aws:sqs:us-east-1:000000000000:pipe-in',
        target: 'arn:aws:lambda:us-east-1:000000000000:function:target',
        desiredState: 'RUNNING',
        sourceParameters: {},
        targetParameters: {},
        enrichmentParameters: {},
        roleArn: 'r',
      },
    ],
  };
  for (const s of services) await s.apply(app);
  const sqs = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const QueueUrl = `${endpoint}/000000000000/pipe-in`;
  const samples: number[] = [];
  try {
    for (let i = 0; i < PIPE_SAMPLES + 10; i++) {
      const done = new Promise<void>((resolve) => delivered.push(resolve));
      const sent = Date.now();
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `{"n":${i}}` }));
      await done;
      const lines = readFileSync(stamps, 'utf8').trim().split('\n');
      if (i >= 10) samples.push(Number(lines[lines.length - 1]) - sent);
    }
  } finally {
    sqs.destroy();
    for (const s of [...services].reverse()) await s.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    store.close();
  }
  appendFileSync(stamps, '');
  return samples;
}

/** Runs the queue benchmark and prints its figures. */
export default async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'eddy-bench-queues-'));
  try {
    const store = await storeBaseline(join(root, 'store'));
    const service = await serviceBaseline(join(root, 'service'));
    const http = await httpRun(join(root, 'http'));
    process.stdout.write(
      `${fmt(MESSAGES)} messages of ~${body(0).length} bytes, batches of 10, durable store (WAL)\n\n` +
        `${'operation'.padEnd(22)} ${'store msg/s'.padStart(12)} ${'service msg/s'.padStart(14)} ${'HTTP msg/s'.padStart(11)} ${'HTTP/store'.padStart(11)}\n` +
        `${'send (batch 10)'.padEnd(22)} ${fmt(store.send).padStart(12)} ${fmt(service.send).padStart(14)} ${fmt(http.send).padStart(11)} ${(http.send / store.send).toFixed(3).padStart(11)}\n` +
        `${'receive+delete (10)'.padEnd(22)} ${fmt(store.receive).padStart(12)} ${fmt(service.receive).padStart(14)} ${fmt(http.receive).padStart(11)} ${(http.receive / store.receive).toFixed(3).padStart(11)}\n`,
    );
    const latency = await pipeLatency(join(root, 'pipe'));
    process.stdout.write(
      `\npipe latency, SendMessage → target handler's first line (${latency.length} samples, warm): ` +
        `median ${percentile(latency, 50)} ms, p99 ${percentile(latency, 99)} ms\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
