// A state folder written by an older eddy (test/fixtures/state-v1, written by eddy 0.1.0 with
// write-state.ts there) is opened by today's code: every family is migrated to its current version and
// the old data is served — queued messages, archived events, API-created rules, finished executions.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeArchiveCommand, EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect, test } from 'vitest';
import { openStore } from '../../../src/store/database.js';
import { startEddy } from '../../../src/testing/index.js';
import { REPO, tempDir } from '../../helpers/temp.js';
import { FAMILIES } from './families.js';

const FIXTURE = join(REPO, 'test/fixtures/state-v1');

test('today’s eddy opens, migrates and serves a state folder an older eddy wrote', async () => {
  const dir = tempDir('eddy-state-v1-');
  cpSync(FIXTURE, dir, { recursive: true });
  const state = join(dir, 'state');
  const eddy = await startEddy({ template: join(dir, 'template.yaml'), state });
  const config = {
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  const sfn = new SFNClient(config);
  try {
    const receive = async (queue: string) => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: `${eddy.endpoint}/000000000000/${queue}`,
          MaxNumberOfMessages: 10,
        }),
      );
      return Messages.map((m) => m.Body!);
    };
    const orders = (await receive('orders')).map(
      (b) => (JSON.parse(b) as { detail: { order: number } }).detail.order,
    );
    expect(orders.sort()).toEqual([1, 2, 3]);
    expect(await receive('made-by-api')).toEqual(['kept across versions']);
    const { Rules = [] } = await events.send(new ListRulesCommand({}));
    expect(Rules.map((r) => r.Name)).toContain('made-by-api');
    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: 'shop-archive' }));
    expect(archive.EventCount).toBe(3);
    const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:checkout:first';
    const run = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: '{"total":5}' });
    const { events: history = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
  } finally {
    for (const client of [events, sqs, sfn]) client.destroy();
    await eddy.stop();
  }
  const store = openStore({ stateDir: state });
  const versions = new Map(
    store.db
      .prepare<[], { family: string; version: number }>('SELECT family, version FROM schema_versions')
      .all()
      .map((r) => [r.family, r.version]),
  );
  store.close();
  for (const family of FAMILIES)
    expect(versions.get(family.name), family.name).toBe(family.migrations.length);
}, 60_000);
