// One SQS consumer step shared by the drivers: receive up to 10 messages, book each as seen, delete
// them, and book as settled the ones whose delete eddy acknowledged. A delete the kill cut has an
// unknown outcome: committed (the messages are gone, as in SQS) or not (they come back after their
// visibility timeout and are received again). Either way they were delivered, so they are booked as
// settled too; a message that must come back is tested by the batches left undeleted on purpose.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { Clients } from './clients.js';

/** Receives from `queueUrl`; `keep` says whether to leave this batch undeleted (in flight). */
export async function receiveAndDelete(
  clients: Clients,
  queueUrl: string,
  book: { seen(message: Message): void; settled(message: Message): void },
  keep = false,
): Promise<void> {
  const { Messages = [] } = await clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  for (const message of Messages) book.seen(message);
  if (Messages.length === 0 || keep) return;
  const deleting = clients.sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
    }),
  );
  const out = await deleting.catch((error: unknown) => {
    // With hundreds of kills, one lands between a delete's commit and its answer: such batches were
    // reported lost although their rows were gone from the store exactly as SQS would have them.
    for (const message of Messages) book.settled(message);
    throw error;
  });
  for (const ok of out.Successful ?? []) book.settled(Messages[Number(ok.Id)]);
}
