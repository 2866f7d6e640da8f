/// <reference lib="dom" />
// The queues view: messages waiting, in flight and delayed per queue, which queue is whose DLQ, and a
// redrive button that moves a DLQ's messages back to their source queues (SQS StartMessageMoveTask).
import { awsCall } from '../api.js';
import { h, replace } from '../dom.js';
import type { Live } from '../live.js';
import { deadLetterTarget } from '../topology.js';

const COUNTS = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
];

/** Mounts the view; returns its dispose function. */
export function queuesView(root: HTMLElement, live: Live): () => void {
  const table = h('table', { id: 'queues' });
  const status = h('p', { class: 'muted', id: 'queue-status' });
  replace(root, h('h1', {}, 'Queues'), table, status);
  const refresh = async () => {
    const queues = live.app.queues;
    const sources = new Map<string, string[]>();
    for (const q of queues) {
      const dlq = deadLetterTarget(q.attributes.RedrivePolicy);
      if (dlq) sources.set(dlq, [...(sources.get(dlq) ?? []), q.name]);
    }
    const rows = await Promise.all(
      queues.map(async (q) => {
        let counts: string[];
        try {
          const out = await awsCall<{ Attributes: Record<string, string> }>('AmazonSQS.GetQueueAttributes', {
            QueueUrl: q.url,
            AttributeNames: COUNTS,
          });
          counts = COUNTS.map((name) => out.Attributes?.[name] ?? '0');
        } catch (error) {
          counts = ['?', '?', (error as Error).message];
        }
        const feeds = sources.get(q.arn);
        return h(
          'tr',
          { 'data-queue': q.name },
          h(
            'td',
            {},
            q.name,
            q.fifo ? h('span', { class: 'tag' }, 'FIFO') : null,
            feeds ? h('span', { class: 'tag dlq' }, 'DLQ') : null,
          ),
          ...counts.map((c) => h('td', { class: 'num' }, c)),
          h(
            'td',
            {},
            feeds
              ? `DLQ of ${feeds.join(', ')}`
              : (deadLetterTarget(q.attributes.RedrivePolicy)?.split(':').pop() ?? ''),
          ),
          h(
            'td',
            {},
            feeds ? h('button', { class: 'redrive', onclick: () => void redrive(q.arn) }, 'Redrive') : null,
          ),
        );
      }),
    );
    replace(
      table,
      h(
        'tr',
        {},
        ...['queue', 'waiting', 'in flight', 'delayed', 'dead letters', ''].map((t) => h('th', {}, t)),
      ),
      ...rows,
    );
  };
  const redrive = async (arn: string) => {
    try {
      const out = await awsCall<{ TaskHandle: string }>('AmazonSQS.StartMessageMoveTask', { SourceArn: arn });
      status.textContent = `Redrive started (${out.TaskHandle.slice(0, 16)}…)`;
    } catch (error) {
      status.textContent = `Redrive failed: ${(error as Error).message}`;
    }
    await refresh();
  };
  void refresh();
  let timer = 0;
  const unsubscribe = live.subscribe((batch) => {
    if (!batch.some((r) => r.kind === 'message' || r.kind === 'reload') || timer) return;
    timer = window.setTimeout(() => ((timer = 0), void refresh()), 300);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
