/// <reference lib="dom" />
// The console's entry: loads the live state, then shows the view the URL's hash names.
import { h, replace } from './dom.js';
import { Live } from './live.js';
import { actionsView } from './views/actions.js';
import { activityView } from './views/activity.js';
import { architectureView } from './views/architecture.js';
import { eventDetailView } from './views/event-detail.js';
import { eventsView } from './views/events.js';
import { executionsView } from './views/executions.js';
import { queuesView } from './views/queues.js';

const TABS: [string, string][] = [
  ['architecture', 'Architecture'],
  ['events', 'Events'],
  ['executions', 'Executions'],
  ['queues', 'Queues'],
  ['actions', 'Actions'],
  ['activity', 'Activity'],
];

/** Splits `#/events/abc?seq=3` into path parts and query. */
export function parseHash(hash: string): { parts: string[]; query: URLSearchParams } {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

function mount(root: HTMLElement, nav: HTMLElement, live: Live): () => void {
  const { parts, query } = parseHash(location.hash);
  const [view = 'architecture', a, b] = parts;
  nav.querySelectorAll('a').forEach((link) => link.classList.toggle('active', link.dataset.view === view));
  switch (view) {
    case 'events':
      return a ? eventDetailView(root, live, a, query) : eventsView(root, live, query);
    case 'executions':
      return executionsView(root, live, a, b);
    case 'queues':
      return queuesView(root, live);
    case 'actions':
      return actionsView(root, live);
    case 'activity':
      return activityView(root, live);
    default:
      return architectureView(root, live);
  }
}

async function main(): Promise<void> {
  const nav = h(
    'nav',
    { class: 'top' },
    h('strong', {}, 'eddy'),
    ...TABS.map(([id, label]) => h('a', { href: `#/${id}`, 'data-view': id }, label)),
    h('span', { class: 'conn', title: 'live stream' }),
  );
  const root = h('main', {});
  replace(document.body, nav, root);
  const live = new Live();
  try {
    await live.start();
  } catch (error) {
    replace(root, h('p', { class: 'error' }, `Cannot reach eddy: ${(error as Error).message}`));
    return;
  }
  let dispose = mount(root, nav, live);
  window.addEventListener('hashchange', () => {
    dispose();
    dispose = mount(root, nav, live);
  });
  live.subscribe((batch) => {
    // A template reload changes what every view shows: remount the current one.
    if (
      batch.some((r) => r.kind === 'reload' && !r.payload.function) &&
      !location.hash.startsWith('#/architecture')
    ) {
      dispose();
      dispose = mount(root, nav, live);
    }
  });
}

void main();
