/// <reference lib="dom" />
// A menu of the project's event fixtures (`events/*.json`, from `/_eddy/fixtures`) that fills the put
// event form. A fixture is a PutEvents entry, or a list of them (the first is used), or an event.
import { eddyJson } from '../api.js';
import { h, replace } from '../dom.js';

/** The fields of a fixture the form uses. */
export interface FixtureEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: unknown;
}

/** Reads a fixture file's JSON as one PutEvents entry (also accepting an event's own field names). */
export function toEntry(json: unknown): FixtureEntry {
  const first = Array.isArray(json) ? json[0] : ((json as { Entries?: unknown[] })?.Entries?.[0] ?? json);
  const o = (first ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    EventBusName: text(o.EventBusName),
    Source: text(o.Source ?? o.source),
    DetailType: text(o.DetailType ?? o['detail-type']),
    Detail: o.Detail ?? o.detail,
  };
}

/** A label with a select of fixtures; hidden when the project has none. */
export function fixturePicker(fill: (entry: FixtureEntry) => void): HTMLElement {
  const wrap = h('label', { class: 'fixtures', hidden: true });
  void eddyJson<{ fixtures: { name: string; entry: unknown }[] }>('/_eddy/fixtures')
    .then(({ fixtures }) => {
      if (fixtures.length === 0) return;
      const select = h(
        'select',
        {
          name: 'fixture',
          onchange: () => {
            const chosen = fixtures.find((f) => f.name === select.value);
            if (chosen) fill(toEntry(chosen.entry));
          },
        },
        h('option', { value: '' }, 'choose a fixture…'),
        ...fixtures.map((f) => h('option', { value: f.name }, f.name)),
      );
      replace(wrap, h('span', {}, 'fixture (events/)'), select);
      wrap.hidden = false;
    })
    .catch(() => undefined);
  return wrap;
}
