import { Flags } from '@oclif/core';
import { callAwsJson } from '../cli/aws-json-client.js';
import { EddyCommand } from '../cli/base-command.js';
import { colors } from '../cli/colors.js';
import { findEndpoint } from '../cli/server-client.js';
import { EddyError } from '../shared/errors.js';

/** What `eddy replay` returns. */
export interface ReplaySummary {
  replayName: string;
  archive: string;
  state: string;
  from: string;
  to: string;
  eventsReplayed?: number;
  deliveries?: number;
  failures?: number;
}

type Json = Record<string, unknown>;

/** `eddy replay`: StartReplay over an archive, then (with --wait) progress and a summary. */
export default class Replay extends EddyCommand {
  static override summary = 'Replay archived events through the current code (StartReplay).';
  static override examples = [
    '<%= config.bin %> replay --from 10m --wait',
    '<%= config.bin %> replay --archive orders --from 2026-01-01T10:00:00Z --to 2026-01-01T11:00:00Z --rule payment',
  ];

  static override flags = {
    archive: Flags.string({ summary: 'The archive (default: the only archive).' }),
    from: Flags.string({ default: '10m', summary: 'Start: a duration ago (10m, 2h, 1d) or an ISO time.' }),
    to: Flags.string({ summary: 'End: a duration ago or an ISO time (default: now).' }),
    rule: Flags.string({ multiple: true, summary: 'Only deliver to these rules (names or ARNs).' }),
    name: Flags.string({ summary: 'The replay name (default: eddy-<time>).' }),
    wait: Flags.boolean({ default: false, summary: 'Wait for the replay to finish and summarise it.' }),
    endpoint: Flags.string({ summary: 'Where eddy dev runs (default: from .eddy/server.json, else :4949).' }),
    state: Flags.string({ default: '.eddy', summary: 'State folder of the running eddy dev.' }),
  };

  async run(): Promise<ReplaySummary> {
    const { flags } = await this.parse(Replay);
    const endpoint = findEndpoint(flags.endpoint, flags.state);
    const call = (op: string, input: Json) => callAwsJson<Json>(endpoint, `AWSEvents.${op}`, input);
    const archive = await pickArchive(call, flags.archive);
    const busArn = String(archive.EventSourceArn);
    const busName = busArn.split(':event-bus/')[1] ?? 'default';
    const now = Date.now();
    const from = parseTime(flags.from, now);
    const to = flags.to ? parseTime(flags.to, now) : now + 1000;
    const filterArns: string[] = [];
    for (const rule of flags.rule ?? []) {
      filterArns.push(
        rule.startsWith('arn:')
          ? rule
          : String((await call('DescribeRule', { Name: rule, EventBusName: busName })).Arn),
      );
    }
    const name = flags.name ?? `eddy-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    const started = await call('StartReplay', {
      ReplayName: name,
      EventSourceArn: String(
        archive.ArchiveArn ?? `${busArn.split(':event-bus/')[0]}:archive/${String(archive.ArchiveName)}`,
      ),
      EventStartTime: from / 1000,
      EventEndTime: to / 1000,
      Destination: { Arn: busArn, ...(filterArns.length ? { FilterArns: filterArns } : {}) },
    });
    const summary: ReplaySummary = {
      replayName: name,
      archive: String(archive.ArchiveName),
      state: String(started.State),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    };
    if (!flags.wait) {
      if (!this.jsonEnabled()) this.log(`replay ${name} started (${summary.from} → ${summary.to})`);
      return summary;
    }
    const done = await this.follow(call, name);
    const progress = (done.EddyProgress ?? {}) as Json;
    Object.assign(summary, {
      state: String(done.State),
      eventsReplayed: Number(progress.Replayed ?? 0),
      deliveries: Number(progress.Deliveries ?? 0),
      failures: Number(progress.Failures ?? 0),
    });
    if (!this.jsonEnabled()) {
      const mark = summary.state === 'COMPLETED' ? colors.green('✔') : colors.red('✘');
      this.log(
        `${mark} replay ${name} ${summary.state.toLowerCase()}: ${summary.eventsReplayed} events replayed, ` +
          `${summary.deliveries} deliveries made, ${summary.failures} failed`,
      );
    }
    return summary;
  }

  /** Polls DescribeReplay, drawing a progress bar on stderr, until the replay ends and deliveries settle. */
  private async follow(call: (op: string, input: Json) => Promise<Json>, name: string): Promise<Json> {
    let last = '';
    let stableSince = 0;
    for (;;) {
      const replay = await call('DescribeReplay', { ReplayName: name });
      const progress = (replay.EddyProgress ?? {}) as Json;
      const total = Number(progress.Total ?? 0);
      const replayed = Number(progress.Replayed ?? 0);
      if (!this.jsonEnabled() && process.stderr.isTTY) {
        const width = 30;
        const filled = total ? Math.round((replayed / total) * width) : width;
        process.stderr.write(
          `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${replayed}/${total} ${String(replay.State)}   `,
        );
      }
      const state = String(replay.State);
      if (['COMPLETED', 'CANCELLED', 'FAILED'].includes(state)) {
        // Deliveries finish after the events are re-sent: wait until the counters stop moving.
        const key = `${String(progress.Deliveries)}/${String(progress.Failures)}`;
        if (key !== last) [last, stableSince] = [key, Date.now()];
        else if (Date.now() - stableSince >= 300) {
          if (!this.jsonEnabled() && process.stderr.isTTY) process.stderr.write('\n');
          return replay;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function pickArchive(
  call: (op: string, input: Json) => Promise<Json>,
  name: string | undefined,
): Promise<Json> {
  if (name) return call('DescribeArchive', { ArchiveName: name });
  const archives = ((await call('ListArchives', {})).Archives ?? []) as Json[];
  if (archives.length === 1) return call('DescribeArchive', { ArchiveName: archives[0].ArchiveName });
  throw new EddyError(
    'ARCHIVE_REQUIRED',
    archives.length === 0
      ? 'There is no archive to replay from.'
      : `There are ${archives.length} archives; pick one.`,
    {
      fix: archives.length
        ? `eddy replay --archive ${archives.map((a) => String(a.ArchiveName)).join(' | ')}`
        : 'Add an AWS::Events::Archive on your bus to the template (or CreateArchive), then put events.',
    },
  );
}

/** `10m`, `2h`, `1d`, `30s` ago, or an ISO-8601 time, as epoch ms. */
export function parseTime(text: string, now: number): number {
  const ago = /^(\d+)(s|m|h|d)$/.exec(text);
  if (ago) return now - Number(ago[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 's']!;
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    throw new EddyError('BAD_TIME', `${text} is neither a duration (10m, 2h) nor an ISO time`, {
      fix: 'Use --from 10m or --from 2026-01-01T10:00:00Z.',
    });
  }
  return time;
}
