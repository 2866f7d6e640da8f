/// <reference lib="dom" />
// The replay form: replays an archive's events from a time range onto its bus (EventBridge StartReplay)
// and shows the replay's progress until it completes: DescribeReplay's state and eddy's own counts
// (`EddyProgress`: events replayed of the range's total, deliveries and failures), as a progress bar.
import { awsCall } from '../api.js';
import { h, replace } from '../dom.js';
import type { Live } from '../live.js';

interface Replay {
  State: string;
  StateReason?: string;
  EventLastReplayedTime?: number;
  EddyProgress?: { Total?: number; Replayed?: number; Deliveries?: number; Failures?: number };
}

/** `Replay r: RUNNING · 40 of 100 events · 38 deliveries, 0 failed` and the fraction done (0..1). */
export function replayProgress(name: string, replay: Replay): { text: string; done: number } {
  const p = replay.EddyProgress ?? {};
  const total = p.Total ?? 0;
  const replayed = p.Replayed ?? 0;
  const parts = [`Replay ${name}: ${replay.State}${replay.StateReason ? ` (${replay.StateReason})` : ''}`];
  if (replay.EddyProgress) {
    parts.push(`${replayed} of ${total} events`);
    parts.push(`${p.Deliveries ?? 0} deliveries, ${p.Failures ?? 0} failed`);
  }
  const finished = replay.State === 'COMPLETED';
  return { text: parts.join(' · '), done: finished ? 1 : total > 0 ? replayed / total : 0 };
}

/** A form that starts a replay and polls its state. */
export function replayForm(live: Live): HTMLElement {
  const app = live.app;
  const archive = h(
    'select',
    { name: 'archive' },
    ...app.archives.map((a) => h('option', { value: a.arn }, a.name)),
  );
  const minutes = h('input', { name: 'minutes', type: 'number', value: 10, min: 1 });
  const out = h('div', { class: 'result', id: 'replay-status' });
  const bar = h('progress', { id: 'replay-progress', max: 1, value: 0 });
  const run = async () => {
    const chosen = app.archives.find((a) => a.arn === archive.value)!;
    const bus = app.buses.find((b) => b.name === chosen.busName || b.arn === chosen.sourceArn);
    const now = Date.now() / 1000;
    const name = `console-${Date.now()}`;
    await awsCall('AWSEvents.StartReplay', {
      ReplayName: name,
      EventSourceArn: chosen.arn,
      EventStartTime: now - Number(minutes.value) * 60,
      EventEndTime: now,
      Destination: { Arn: bus?.arn ?? chosen.sourceArn },
    });
    for (let i = 0; i < 600; i++) {
      const state = await awsCall<Replay>('AWSEvents.DescribeReplay', { ReplayName: name });
      const progress = replayProgress(name, state);
      replace(out, progress.text);
      bar.value = progress.done;
      if (!['STARTING', 'RUNNING', 'CANCELLING'].includes(state.State)) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  return h(
    'form',
    {
      id: 'replay',
      class: 'action',
      onsubmit: (e: Event) => {
        e.preventDefault();
        replace(out, 'Starting…');
        bar.value = 0;
        run().catch((error: Error) => replace(out, h('p', { class: 'error' }, error.message)));
      },
    },
    h('h2', {}, 'Replay'),
    h('label', {}, h('span', {}, 'archive'), archive),
    h('label', {}, h('span', {}, 'last minutes'), minutes),
    h('button', { type: 'submit' }, 'Replay'),
    bar,
    out,
  );
}
