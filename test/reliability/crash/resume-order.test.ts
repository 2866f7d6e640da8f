// What a crash leaves behind is resumed only once the template is applied: an event committed but not
// yet matched, and a delivery recorded but not yet made, both to a rule and a queue that come from the
// template, reach the queue after the restart. (Resumed in start(), before the template's rules and
// queues existed, the event was matched against no rule and the delivery found no queue: both lost.)
import { join } from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect, test } from 'vitest';
import { BusDeliveries } from '../../../src/store/bus-deliveries.js';
import { BusJournal } from '../../../src/store/bus-journal.js';
import { busFamily } from '../../../src/store/bus-schema.js';
import { openStore } from '../../../src/store/database.js';
import { startEddy } from '../../../src/testing/index.js';
import { tempDir } from '../../helpers/temp.js';
import { NAMES, writeProject } from './project.js';

const ARN = 'arn:aws:events:us-east-1:000000000000';

function envelope(id: string): string {
  return JSON.stringify({
    version: '0',
    id,
    'detail-type': 'Load',
    source: 'crash',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: { id, kind: 'ok' },
  });
}

test('an unmatched event and an unfinished delivery left by a crash reach the template queue', async () => {
  const dir = tempDir('eddy-resume-');
  const template = writeProject(dir);
  const state = join(dir, 'state');
  // The state a SIGKILL leaves: one event committed, not matched; one matched, its delivery not made.
  const store = openStore({ stateDir: state });
  store.migrate(busFamily);
  const journal = new BusJournal(store.db);
  const [pendingSeq, matchedSeq] = journal.appendAll([
    { id: 'pending', bus: NAMES.bus, time: Date.now(), envelope: envelope('pending') },
    { id: 'matched', bus: NAMES.bus, time: Date.now(), envelope: envelope('matched') },
  ]);
  journal.done(matchedSeq);
  new BusDeliveries(store.db).add({
    eventSeq: matchedSeq,
    traceId: 'matched',
    ruleArn: `${ARN}:rule/${NAMES.bus}/${NAMES.sinkRule}`,
    target: JSON.stringify({
      id: 'sink',
      arn: `arn:aws:sqs:us-east-1:000000000000:${NAMES.sinkQueue}`,
      ruleName: NAMES.sinkRule,
      ruleArn: `${ARN}:rule/${NAMES.bus}/${NAMES.sinkRule}`,
      busName: NAMES.bus,
    }),
    payload: envelope('matched'),
    firstAt: Date.now(),
  });
  expect(journal.pending().map((r) => r.seq)).toEqual([pendingSeq]);
  store.close();

  const eddy = await startEddy({ template, state });
  const sqs = new SQSClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const { Messages = [] } = await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: `${eddy.endpoint}/000000000000/${NAMES.sinkQueue}`,
              MaxNumberOfMessages: 10,
            }),
          );
          for (const m of Messages) seen.add((JSON.parse(m.Body!) as { id: string }).id);
          return [...seen].sort();
        },
        { timeout: 15_000 },
      )
      .toEqual(['matched', 'pending']);
  } finally {
    sqs.destroy();
    await eddy.stop();
  }
}, 60_000);
