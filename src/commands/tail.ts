import { Flags } from '@oclif/core';
import { EddyCommand } from '../cli/base-command.js';
import { formatTraceRecord } from '../cli/format-trace.js';
import { findEndpoint, streamTrace } from '../cli/server-client.js';
import { compilePattern, invalidPatternMessage, PatternError } from '../patterns/index.js';
import { EddyError } from '../shared/errors.js';
import type { TraceRecord } from '../trace/record.js';

/** Kinds `--kinds` accepts, mapped to the trace kinds they show. */
const KIND_GROUPS: Record<string, string[]> = {
  events: ['event', 'match', 'replay'],
  deliveries: ['delivery', 'pipe', 'message'],
  executions: ['execution', 'state', 'map-run'],
  logs: ['log', 'invocation'],
  system: ['reload', 'warning', 'error'],
};

/** `eddy tail`: a live, coloured stream of what happens in a running `eddy dev`. */
export default class Tail extends EddyCommand {
  static override summary =
    'Stream what happens in a running eddy dev: events, deliveries, executions, logs.';
  static override examples = [
    '<%= config.bin %> tail',
    '<%= config.bin %> tail --kinds events,logs --since 10m',
    '<%= config.bin %> tail --json | jq .',
  ];

  static override flags = {
    endpoint: Flags.string({ summary: 'Where eddy dev runs (default: from .eddy/server.json, else :4949).' }),
    state: Flags.string({ default: '.eddy', summary: 'State folder of the running eddy dev.' }),
    kinds: Flags.string({ summary: `Comma-separated: ${Object.keys(KIND_GROUPS).join(', ')}.` }),
    pattern: Flags.string({
      summary: 'Only events matching this EventBridge event pattern (and what they caused).',
    }),
    source: Flags.string({ summary: 'Only events (and what they caused) with this source.' }),
    'detail-type': Flags.string({ summary: 'Only events (and what they caused) with this detail-type.' }),
    since: Flags.string({ summary: 'Start with records from this long ago (10m, 2h) or this time.' }),
    limit: Flags.integer({ min: 1, summary: 'Stop after this many records.' }),
  };

  async run(): Promise<TraceRecord[]> {
    const { flags } = await this.parse(Tail);
    const endpoint = findEndpoint(flags.endpoint, flags.state);
    const kinds = flags.kinds
      ? new Set(flags.kinds.split(',').flatMap((k) => KIND_GROUPS[k.trim()] ?? [k.trim()]))
      : null;
    const traces = new Set<string>();
    const pattern = flags.pattern === undefined ? undefined : compileTailPattern(flags.pattern);
    const wanted = (record: TraceRecord): boolean => {
      if (kinds && !kinds.has(record.kind)) return false;
      if (!flags.source && !flags['detail-type'] && !pattern) return true;
      if (record.kind === 'event') {
        const event = (record.payload.event ?? {}) as Record<string, unknown>;
        const ok =
          (!flags.source || event.source === flags.source) &&
          (!flags['detail-type'] || event['detail-type'] === flags['detail-type']) &&
          (!pattern || pattern.matches(event));
        if (ok) traces.add(record.traceId);
        return ok;
      }
      return traces.has(record.traceId);
    };
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const seen: TraceRecord[] = [];
    if (!this.jsonEnabled()) this.logToStderr(`tailing ${endpoint} (Ctrl-C to stop)`);
    for await (const record of streamTrace(endpoint, flags.since, controller.signal)) {
      if (!wanted(record)) continue;
      // --json streams one object per line (JSON Lines) instead of one array at the end.
      // oclif's log() is silent under --json, which here means JSON Lines written as they arrive.
      process.stdout.write((this.jsonEnabled() ? JSON.stringify(record) : formatTraceRecord(record)) + '\n');
      if (flags.limit && seen.push(record) >= flags.limit) break;
    }
    controller.abort();
    this.exit(0);
    return seen;
  }
}

function compileTailPattern(text: string) {
  try {
    return compilePattern(text);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    throw new EddyError('InvalidEventPatternException', invalidPatternMessage(error.message), {
      fix: 'Fix the pattern; `eddy patterns test --pattern <json> --event <json>` tries one out.',
    });
  }
}
