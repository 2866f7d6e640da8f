/// <reference lib="dom" />
// The events view: every event put on a bus, newest first, live, filterable, in a virtual list.
import { clock, h, replace } from '../dom.js';
import { matchesFilter, type EventFilter, type EventRow } from '../event-list.js';
import type { Live } from '../live.js';
import { VirtualList } from '../virtual-list.js';
import { PatternFilter } from './pattern-filter.js';

/** Mounts the view with filters from the query (`?bus=&source=&detailType=`); returns its dispose. */
export function eventsView(root: HTMLElement, live: Live, query: URLSearchParams): () => void {
  const filter: EventFilter = {
    bus: query.get('bus') ?? '',
    source: query.get('source') ?? '',
    detailType: query.get('detailType') ?? '',
    text: '',
  };
  const count = h('span', { class: 'muted', id: 'event-count' });
  let loading = false;
  const list = new VirtualList<EventRow>({
    rowHeight: 30,
    render: (row) =>
      h(
        'a',
        { class: 'row event-row', href: `#/events/${encodeURIComponent(row.id)}?seq=${row.seq}` },
        h('span', { class: 'time' }, clock(row.time)),
        h('span', { class: 'bus' }, row.bus),
        h('span', { class: 'source' }, row.source),
        h(
          'span',
          { class: 'dtype' },
          row.detailType,
          row.replay ? h('span', { class: 'tag' }, 'replay') : null,
        ),
        h('span', { class: 'eid muted' }, row.id),
      ),
    onNearEnd: () => {
      if (loading) return;
      loading = true;
      void live.loadOlder().then((n) => {
        loading = false;
        if (n > 0) refresh();
      });
    },
  });
  const select = (key: 'bus' | 'source' | 'detailType', values: Set<string>, label: string) => {
    const el = h(
      'select',
      { name: key, onchange: () => ((filter[key] = el.value), refresh()) },
      h('option', { value: '' }, `any ${label}`),
      ...[...values].sort().map((v) => h('option', { value: v, selected: v === filter[key] }, v)),
    );
    return el;
  };
  const filters = h('div', { class: 'filters' });
  const drawFilters = () =>
    replace(
      filters,
      select('bus', new Set([...live.events.buses, ...live.app.buses.map((b) => b.name)]), 'bus'),
      select('source', live.events.sources, 'source'),
      select('detailType', live.events.detailTypes, 'detail-type'),
      h('input', {
        type: 'search',
        placeholder: 'search JSON',
        oninput: (e: Event) => ((filter.text = (e.target as HTMLInputElement).value), refresh()),
      }),
      count,
    );
  const pattern = new PatternFilter(
    (message) => (patternError.textContent = message),
    () => refresh(),
  );
  const patternInput = h('input', {
    type: 'text',
    name: 'pattern',
    class: 'pattern',
    placeholder: 'event pattern, e.g. {"detail":{"total":[{"numeric":[">",100]}]}}',
    onchange: () => pattern.set(patternInput.value.trim()),
  });
  const patternError = h('span', { class: 'error', id: 'pattern-error' });
  const refresh = () => {
    const source = pattern.rows ?? live.events.filtered({});
    const rows = source.filter((r) => matchesFilter(r, filter));
    count.textContent = pattern.rows
      ? `${rows.length} events match the pattern`
      : `${rows.length} of ${live.events.size} events`;
    list.setItems(rows);
  };
  const header = h(
    'div',
    { class: 'row head' },
    ...['time', 'bus', 'source', 'detail-type', 'id'].map((t) => h('span', {}, t)),
  );
  replace(
    root,
    h('h1', {}, 'Events'),
    filters,
    h('div', { class: 'filters' }, patternInput, patternError),
    header,
    list.element,
  );
  drawFilters();
  refresh();
  let known = live.events.sources.size + live.events.detailTypes.size + live.events.buses.size;
  return live.subscribe((batch) => {
    if (!batch.some((r) => r.kind === 'event')) return;
    pattern.refreshSoon();
    const now = live.events.sources.size + live.events.detailTypes.size + live.events.buses.size;
    if (now !== known) {
      known = now;
      drawFilters();
    }
    refresh();
  });
}
