// Replay load: every few seconds, a replay of a recent window of the archive to the sink rule; each
// must reach COMPLETED (resumed after the kills) and re-send every acknowledged sink event put well
// inside its window.
import { DescribeReplayCommand, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import { NAMES } from '../project.js';
import type { EventWork } from './events.js';
import { repeat, sleep, type LoadContext } from './loop.js';

const EVENTS_ARN = 'arn:aws:events:us-east-1:000000000000';
/** Clock skew allowed between the client's times and eddy's ingestion time. */
const MARGIN_MS = 1_000;

/** A replay eddy acknowledged and the ids it must re-send. */
export interface StartedReplay {
  name: string;
  expected: string[];
  state?: string;
}

/** Starts a replay every 2–4 s until producing stops. */
export function produceReplays(ctx: LoadContext, work: EventWork, replays: StartedReplay[]): Promise<void> {
  let n = 0;
  // When the next replay is due. A start the kill refused is retried as soon as eddy is back, not
  // 2–4 s later: with short runs between kills, eddy would rarely be up at the new due time.
  let due = 0;
  return repeat(
    () => !ctx.producing(),
    async () => {
      due ||= Date.now() + 2_000 + ctx.rng() * 2_000;
      await sleep(Math.max(0, due - Date.now()));
      if (!ctx.producing()) return;
      // Whole seconds: the SDK sends timestamps as epoch seconds.
      const end = Math.floor(Date.now() / 1000) * 1000 - 1000;
      const start = end - 3000;
      const name = `${ctx.prefix}-r${n++}`;
      await ctx.clients.events.send(
        new StartReplayCommand({
          ReplayName: name,
          EventSourceArn: `${EVENTS_ARN}:archive/${NAMES.archive}`,
          EventStartTime: new Date(start),
          EventEndTime: new Date(end),
          Destination: {
            Arn: `${EVENTS_ARN}:event-bus/${NAMES.bus}`,
            FilterArns: [`${EVENTS_ARN}:rule/${NAMES.bus}/${NAMES.sinkRule}`],
          },
        }),
      );
      const expected = work.sinkAcks
        .filter((e) => e.sentAt >= start + MARGIN_MS && e.ackedAt <= end - MARGIN_MS)
        .map((e) => e.id);
      replays.push({ name, expected });
      due = 0;
    },
    0,
    ctx.restarted,
  );
}

/** Records each replay's state until the scenario ends. */
export function watchReplays(ctx: LoadContext, replays: StartedReplay[]): Promise<void> {
  return repeat(
    ctx.finished,
    async () => {
      for (const replay of replays) {
        if (replay.state === 'COMPLETED') continue;
        const out = await ctx.clients.events.send(new DescribeReplayCommand({ ReplayName: replay.name }));
        replay.state = out.State;
      }
    },
    500,
    ctx.restarted,
  );
}
