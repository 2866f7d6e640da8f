/// <reference lib="dom" />
// An event's page: its JSON, the rules it matched, each delivery with its attempts, and the timeline of
// every record of its trace (executions, handler logs, the events those put), updated live.
import { fetchTrace } from '../api.js';
import { clock, h, jsonBlock, replace } from '../dom.js';
import type { Live } from '../live.js';
import { describeRecord, summarizeTrace } from '../trace-summary.js';
import type { TraceRecord } from '../types.js';

/** Mounts the page of event `id`; `seq` (from the list) lets the server start its scan there. */
export function eventDetailView(
  root: HTMLElement,
  live: Live,
  id: string,
  query: URLSearchParams,
): () => void {
  // Where the server starts scanning the log: the event's own record (its trace comes after it).
  const seq = Number(query.get('seq') ?? live.events.find(id)?.seq ?? 0);
  let records: TraceRecord[] = [];
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(root, h('p', {}, h('a', { href: '#/events' }, '← Events')), h('h1', {}, `Event ${id}`), body);
  const draw = () => {
    const event = records.find((r) => r.kind === 'event');
    const summary = summarizeTrace(records);
    const start = records.length ? Date.parse(records[0].time) : 0;
    const end = records.length ? Date.parse(records[records.length - 1].time) : 0;
    const span = Math.max(1, end - start);
    replace(
      body,
      h('h2', {}, 'Event'),
      event ? jsonBlock(event.payload.event) : h('p', { class: 'muted' }, 'Not found in the trace log.'),
      h('h2', {}, 'Matched rules'),
      summary.matched.length
        ? h(
            'ul',
            { id: 'matched' },
            ...summary.matched.map((m) => h('li', {}, `${m.rule} → ${m.targets.join(', ')}`)),
          )
        : h('p', { class: 'muted' }, 'No rule matched.'),
      h('h2', {}, 'Deliveries'),
      h(
        'table',
        { id: 'deliveries' },
        h(
          'tr',
          {},
          h('th', {}, 'rule'),
          h('th', {}, 'target'),
          h('th', {}, 'status'),
          h('th', {}, 'attempts'),
        ),
        ...summary.deliveries.map((d) =>
          h(
            'tr',
            { class: `status-${d.status}` },
            h('td', {}, d.rule),
            h('td', { title: d.targetArn }, d.target),
            h('td', {}, d.status),
            h(
              'td',
              {},
              ...d.attempts.map((a, i) =>
                h(
                  'div',
                  {},
                  `#${i + 1} ${clock(a.time)} ${a.outcome}${a.error ? `: ${a.error}` : ''}${a.retryInMs ? ` (retry in ${a.retryInMs} ms)` : ''}`,
                ),
              ),
            ),
          ),
        ),
      ),
      h('h2', {}, 'Timeline'),
      h(
        'div',
        { class: 'timeline', id: 'timeline' },
        ...records.map((r) => {
          const offset = Date.parse(r.time) - start;
          return h(
            'div',
            { class: `tl-row kind-${r.kind}` },
            h('span', { class: 'time' }, `+${offset} ms`),
            h(
              'span',
              { class: 'tl-bar' },
              h('span', { class: 'tl-dot', style: `left:${(offset / span) * 100}%` }),
            ),
            h('span', { class: 'kind' }, r.kind),
            h('span', {}, describeRecord(r)),
          );
        }),
      ),
    );
  };
  void fetchTrace(id, seq > 0 ? seq : 0)
    .then((found) => {
      records = found;
      draw();
    })
    .catch((error: Error) => replace(body, h('p', { class: 'error' }, error.message)));
  return live.subscribe((batch) => {
    const mine = batch.filter((r) => r.traceId === id && !records.some((k) => k.seq === r.seq));
    if (mine.length === 0) return;
    records = records.concat(mine).sort((a, b) => a.seq - b.seq);
    draw();
  });
}
