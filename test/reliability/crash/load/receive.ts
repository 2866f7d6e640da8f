// One SQS consumer step shared by the drivers: receive up to 10 messages, book each as seen, delete
// them, and book as settled only the ones whose delete eddy acknowledged. A message whose delete the
// kill cut stays in flight and must come back after its visibility timeout.
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
  const out = await clients.sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
    }),
  );
  for (const ok of out.Successful ?? []) book.settled(Messages[Number(ok.Id)]);
}
