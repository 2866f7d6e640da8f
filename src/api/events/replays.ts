// Replay operations: StartReplay, DescribeReplay, ListReplays, CancelReplay. DescribeReplay carries
// eddy's progress (`EddyProgress`, ignored by AWS SDKs) for `eddy replay`.
import type { Replay } from '../../services/bus/model.js';
import type { BusService } from '../../services/bus/service.js';
import { compact, page, seconds, str, timestamp, Violations } from './validation.js';

type Wire = Record<string, unknown>;

function describe(replay: Replay) {
  return compact({
    ReplayName: replay.name,
    ReplayArn: replay.arn,
    Description: replay.description,
    State: replay.state,
    StateReason: replay.stateReason,
    EventSourceArn: replay.sourceArn,
    Destination: compact({
      Arn: replay.destinationArn,
      FilterArns: replay.filterArns.length ? replay.filterArns : undefined,
    }),
    EventStartTime: seconds(replay.eventStartTime),
    EventEndTime: seconds(replay.eventEndTime),
    EventLastReplayedTime: seconds(replay.lastReplayedTime),
    ReplayStartTime: seconds(replay.startedAt),
    ReplayEndTime: seconds(replay.endedAt),
    EddyProgress: {
      Total: replay.total,
      Replayed: replay.replayed,
      Deliveries: replay.deliveries ?? 0,
      Failures: replay.failures ?? 0,
    },
  });
}

/** The operations on replays. */
export function replayOperations(bus: BusService) {
  return {
    StartReplay: (input: Wire) => {
      const violations = new Violations().name(input.ReplayName, 'replayName');
      for (const key of ['EventSourceArn', 'EventStartTime', 'EventEndTime', 'Destination']) {
        if (input[key] === undefined)
          violations.add(null, key.charAt(0).toLowerCase() + key.slice(1), 'Member must not be null');
      }
      violations.throwIfAny();
      const destination = input.Destination as Wire;
      const replay = bus.replays.start({
        name: input.ReplayName as string,
        description: str(input, 'Description'),
        sourceArn: input.EventSourceArn as string,
        eventStartTime: timestamp(input, 'EventStartTime')!,
        eventEndTime: timestamp(input, 'EventEndTime')!,
        destinationArn: String(destination.Arn),
        filterArns: Array.isArray(destination.FilterArns) ? (destination.FilterArns as string[]) : [],
      });
      return { ReplayArn: replay.arn, State: replay.state, ReplayStartTime: seconds(replay.startedAt) };
    },
    DescribeReplay: (input: Wire) => {
      new Violations().name(input.ReplayName, 'replayName').throwIfAny();
      return describe(bus.replays.get(input.ReplayName as string));
    },
    ListReplays: (input: Wire) => {
      const prefix = str(input, 'NamePrefix') ?? '';
      const state = str(input, 'State');
      const source = str(input, 'EventSourceArn');
      const replays = bus.replays
        .list()
        .filter(
          (r) =>
            r.name.startsWith(prefix) && (!state || r.state === state) && (!source || r.sourceArn === source),
        );
      const { items, nextToken } = page(replays, input);
      return compact({
        Replays: items.map((r) =>
          compact({
            ReplayName: r.name,
            EventSourceArn: r.sourceArn,
            State: r.state,
            StateReason: r.stateReason,
            EventStartTime: seconds(r.eventStartTime),
            EventEndTime: seconds(r.eventEndTime),
            EventLastReplayedTime: seconds(r.lastReplayedTime),
            ReplayStartTime: seconds(r.startedAt),
            ReplayEndTime: seconds(r.endedAt),
          }),
        ),
        NextToken: nextToken,
      });
    },
    CancelReplay: (input: Wire) => {
      new Violations().name(input.ReplayName, 'replayName').throwIfAny();
      const replay = bus.replays.cancel(input.ReplayName as string);
      return { ReplayArn: replay.arn, State: replay.state };
    },
  };
}
