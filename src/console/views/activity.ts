/// <reference lib="dom" />
// The activity view: every trace record as it streams in (what `eddy tail` prints), newest first.
import { clock, h, replace } from '../dom.js';
import type { Live } from '../live.js';
import { describeRecord } from '../trace-summary.js';
import type { TraceRecord } from '../types.js';

function row(r: TraceRecord): HTMLElement {
  return h(
    'div',
    { class: `tl-row kind-${r.kind}`, 'data-seq': r.seq },
    h('span', { class: 'time' }, clock(r.time)),
    h('span', { class: 'kind' }, r.kind),
    h('span', {}, describeRecord(r)),
  );
}

/** Mounts the view; returns its dispose function. */
export function activityView(root: HTMLElement, live: Live): () => void {
  const list = h('div', { class: 'timeline', id: 'activity' });
  replace(root, h('h1', {}, 'Activity'), list);
  replace(list, ...live.recent.slice(-300).reverse().map(row));
  return live.subscribe((batch) => {
    list.prepend(...batch.slice().reverse().map(row));
    while (list.childElementCount > 500) list.lastElementChild!.remove();
  });
}
