// SQS load: sends to the work queue (single and batch) and a consumer that receives and deletes; one
// receive in ten is left undeleted, so messages are in flight at the kills and must come back after
// their visibility timeout.
import { SendMessageBatchCommand, type Message } from '@aws-sdk/client-sqs';
import { Ledger } from '../ledger.js';
import { NAMES } from '../project.js';
import { between } from '../rng.js';
import { queueUrl } from './clients.js';
import { repeat, type LoadContext } from './loop.js';
import { receiveAndDelete } from './receive.js';

/** Sends batches of 1–10 messages until producing stops. */
export function produceMessages(ctx: LoadContext, messages: Ledger): Promise<void> {
  let n = 0;
  return repeat(
    () => !ctx.producing(),
    async () => {
      const bodies = Array.from({ length: between(ctx.rng, 1, 10) }, () => `${ctx.prefix}-m${n++}`);
      const out = await ctx.clients.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl(ctx.clients, NAMES.workQueue),
          Entries: bodies.map((body, i) => ({ Id: String(i), MessageBody: body })),
        }),
      );
      for (const ok of out.Successful ?? []) messages.ack(bodies[Number(ok.Id)]);
    },
    between(ctx.rng, 5, 40),
    ctx.restarted,
  );
}

/** Receives and deletes until the scenario ends (leaving one batch in ten in flight while producing). */
export function consumeMessages(ctx: LoadContext, messages: Ledger): Promise<void> {
  const book = {
    seen: (m: Message) => messages.deliver(m.Body!),
    settled: (m: Message) => messages.settle(m.Body!),
  };
  return repeat(
    ctx.finished,
    () =>
      receiveAndDelete(
        ctx.clients,
        queueUrl(ctx.clients, NAMES.workQueue),
        book,
        ctx.producing() && ctx.rng() < 0.1,
      ),
    0,
    ctx.restarted,
  );
}
