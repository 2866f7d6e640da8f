import { readFileSync } from 'node:fs';
import { Flags } from '@oclif/core';
import { callAwsJson } from '../../cli/aws-json-client.js';
import { EddyCommand } from '../../cli/base-command.js';
import { colors } from '../../cli/colors.js';
import { findEndpoint } from '../../cli/server-client.js';
import { EddyError } from '../../shared/errors.js';

/** One PutEvents entry, in the API's shape. */
type Entry = Record<string, unknown>;

/** What `eddy events put` returns. */
export interface PutResult {
  failedEntryCount: number;
  entries: { eventId?: string; errorCode?: string; errorMessage?: string }[];
}

/** `eddy events put`: puts events on a bus of a running `eddy dev` and prints their ids. */
export default class EventsPut extends EddyCommand {
  static override summary = 'Put events on a local bus (PutEvents) and print their ids.';
  static override examples = [
    `<%= config.bin %> events put --source shop.cart --detail-type CheckoutRequested --detail '{"cartId":"c1"}'`,
    '<%= config.bin %> events put --file events/checkout.json',
    'cat events.json | <%= config.bin %> events put --file -',
  ];

  static override flags = {
    source: Flags.string({ summary: 'The event source.' }),
    'detail-type': Flags.string({ summary: 'The detail-type.' }),
    detail: Flags.string({ summary: 'The detail, a JSON object.', default: '{}' }),
    bus: Flags.string({ summary: 'The bus name or ARN (default: default).' }),
    resources: Flags.string({ multiple: true, summary: 'Resource ARNs of the event.' }),
    file: Flags.string({
      char: 'f',
      summary: 'A JSON file (or - for stdin): one entry, an array of entries, or a PutEvents request.',
    }),
    endpoint: Flags.string({ summary: 'Where eddy dev runs (default: from .eddy/server.json, else :4949).' }),
    state: Flags.string({ default: '.eddy', summary: 'State folder of the running eddy dev.' }),
  };

  async run(): Promise<PutResult> {
    const { flags } = await this.parse(EventsPut);
    let entries: Entry[];
    if (flags.file)
      entries = entriesFromFile(
        flags.file === '-' ? readFileSync(0, 'utf8') : readFileSync(flags.file, 'utf8'),
        flags.file,
      );
    else {
      if (!flags.source || !flags['detail-type']) {
        throw new EddyError('USAGE', 'An event needs --source and --detail-type (or --file).', {
          fix: `eddy events put --source shop --detail-type OrderPlaced --detail '{"id":1}'`,
        });
      }
      entries = [
        {
          Source: flags.source,
          DetailType: flags['detail-type'],
          Detail: flags.detail,
          Resources: flags.resources,
        },
      ];
    }
    if (flags.bus) for (const entry of entries) entry.EventBusName ??= flags.bus;
    const endpoint = findEndpoint(flags.endpoint, flags.state);
    const result: PutResult = { failedEntryCount: 0, entries: [] };
    // PutEvents takes ten entries at a time.
    for (let i = 0; i < entries.length; i += 10) {
      const out = await callAwsJson<{ FailedEntryCount: number; Entries: Record<string, string>[] }>(
        endpoint,
        'AWSEvents.PutEvents',
        { Entries: entries.slice(i, i + 10) },
      );
      result.failedEntryCount += out.FailedEntryCount;
      for (const e of out.Entries) {
        result.entries.push(
          e.EventId ? { eventId: e.EventId } : { errorCode: e.ErrorCode, errorMessage: e.ErrorMessage },
        );
      }
    }
    if (!this.jsonEnabled()) {
      for (const e of result.entries) {
        this.log(e.eventId ?? colors.red(`✘ ${e.errorCode}: ${e.errorMessage}`));
      }
    }
    if (result.failedEntryCount > 0) {
      if (this.jsonEnabled()) this.logJson(result);
      this.exit(1);
    }
    return result;
  }
}

/** Entries from a file: one entry, an array of entries, or PutEvents' `{ "Entries": [...] }`. */
export function entriesFromFile(text: string, file: string): Entry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EddyError('BAD_EVENT_FILE', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value) ? value : ((value as { Entries?: unknown }).Entries ?? [value]);
  if (!Array.isArray(list) || list.some((e) => typeof e !== 'object' || e === null)) {
    throw new EddyError('BAD_EVENT_FILE', `${file} holds no event entries`, {
      fix: 'Write one entry {"Source", "DetailType", "Detail"}, an array of them, or {"Entries": [...]}.',
    });
  }
  return list.map((e: Entry) => normalize(e));
}

/** Accepts entry fields in the API's casing or the event's own (`source`, `detail-type`, `detail`). */
function normalize(entry: Entry): Entry {
  const detail = entry.Detail ?? entry.detail;
  const out: Entry = {
    Source: entry.Source ?? entry.source,
    DetailType: entry.DetailType ?? entry['detail-type'] ?? entry.detailType,
    Detail: typeof detail === 'string' ? detail : JSON.stringify(detail ?? {}),
  };
  for (const key of ['Resources', 'EventBusName', 'Time', 'TraceHeader'])
    if (entry[key] !== undefined) out[key] = entry[key];
  if (entry.resources !== undefined && out.Resources === undefined) out.Resources = entry.resources;
  return out;
}
