/// <reference lib="dom" />
// The actions view: put an event, start an execution, invoke a function, replay an archive's range.
import { awsCall, invokeFunction } from '../api.js';
import { h, jsonBlock, replace } from '../dom.js';
import type { Live } from '../live.js';
import { fixturePicker } from './fixtures.js';
import { replayForm } from './replay.js';

function form(
  title: string,
  id: string,
  fields: HTMLElement[],
  submit: (out: HTMLElement) => Promise<void>,
): HTMLElement {
  const out = h('div', { class: 'result' });
  const button = h('button', { type: 'submit' }, title);
  const el = h(
    'form',
    {
      id,
      class: 'action',
      onsubmit: (e: Event) => {
        e.preventDefault();
        button.disabled = true;
        replace(out, 'Working…');
        submit(out)
          .catch((error: Error) => replace(out, h('p', { class: 'error' }, error.message)))
          .finally(() => (button.disabled = false));
      },
    },
    h('h2', {}, title),
    ...fields,
    button,
    out,
  );
  return el;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', {}, h('span', {}, label), control);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Mounts the view; returns its dispose function. */
export function actionsView(root: HTMLElement, live: Live): () => void {
  const app = live.app;
  const bus = h('select', { name: 'bus' }, ...app.buses.map((b) => h('option', { value: b.name }, b.name)));
  const source = h('input', { name: 'source', value: 'console.test', required: true });
  const detailType = h('input', { name: 'detail-type', value: 'Test', required: true });
  const detail = h('textarea', { name: 'detail', rows: 5 }, '{}');
  const fixture = fixturePicker((entry) => {
    if (entry.EventBusName && app.buses.some((b) => b.name === entry.EventBusName))
      bus.value = entry.EventBusName;
    if (entry.Source) source.value = entry.Source;
    if (entry.DetailType) detailType.value = entry.DetailType;
    if (entry.Detail !== undefined)
      detail.value = typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail, null, 2);
  });
  const put = form(
    'Put event',
    'put-event',
    [
      fixture,
      field('bus', bus),
      field('source', source),
      field('detail-type', detailType),
      field('detail', detail),
    ],
    async (out) => {
      parseJson(detail.value, 'Detail');
      const result = await awsCall<{
        FailedEntryCount: number;
        Entries: { EventId?: string; ErrorMessage?: string }[];
      }>('AWSEvents.PutEvents', {
        Entries: [
          {
            EventBusName: bus.value,
            Source: source.value,
            DetailType: detailType.value,
            Detail: detail.value || '{}',
          },
        ],
      });
      const entry = result.Entries[0];
      replace(
        out,
        entry?.EventId
          ? h(
              'p',
              {},
              'Put event ',
              h('a', { href: `#/events/${entry.EventId}`, class: 'event-link' }, entry.EventId),
            )
          : h('p', { class: 'error' }, entry?.ErrorMessage ?? 'Rejected'),
      );
    },
  );
  const machine = h(
    'select',
    { name: 'stateMachine' },
    ...app.stateMachines.map((m) => h('option', { value: m.arn }, m.logicalId)),
  );
  const input = h('textarea', { name: 'input', rows: 4 }, '{}');
  const start = form(
    'Start execution',
    'start-execution',
    [field('state machine', machine), field('input', input)],
    async (out) => {
      parseJson(input.value, 'Input');
      const result = await awsCall<{ executionArn: string }>('AWSStepFunctions.StartExecution', {
        stateMachineArn: machine.value,
        input: input.value || '{}',
      });
      replace(
        out,
        h(
          'a',
          {
            href: `#/executions/${encodeURIComponent(machine.value)}/${encodeURIComponent(result.executionArn)}`,
          },
          result.executionArn,
        ),
      );
    },
  );
  const fn = h(
    'select',
    { name: 'function' },
    ...app.functions.map((f) => h('option', { value: f.name }, f.logicalId)),
  );
  const payload = h('textarea', { name: 'payload', rows: 4 }, '{}');
  const invoke = form(
    'Invoke function',
    'invoke-function',
    [field('function', fn), field('payload', payload)],
    async (out) => {
      parseJson(payload.value, 'Payload');
      const result = await invokeFunction(fn.value, payload.value || '{}');
      let body: unknown = result.body;
      try {
        body = JSON.parse(result.body);
      } catch {
        // Not JSON: show the text.
      }
      replace(
        out,
        h('p', {}, `HTTP ${result.status}${result.error ? ` · ${result.error}` : ''}`),
        jsonBlock(body),
      );
    },
  );
  replace(
    root,
    h('h1', {}, 'Actions'),
    h(
      'div',
      { class: 'actions' },
      put,
      app.stateMachines.length ? start : null,
      app.functions.length ? invoke : null,
      app.archives.length ? replayForm(live) : null,
    ),
  );
  return () => undefined;
}
