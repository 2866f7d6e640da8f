// Renders trace records for the terminal: time, kind, resource and a one-line summary, in colour.
import type { TraceRecord } from '../trace/record.js';
import { colors } from './colors.js';
import { formatMapRunProgress, summarizeMapRun } from './map-run-progress.js';

const KIND_COLOURS: Record<string, (s: string) => string> = {
  event: colors.cyan,
  match: colors.blue,
  delivery: colors.green,
  invocation: colors.magenta,
  log: colors.gray,
  execution: colors.yellow,
  state: colors.yellow,
  'map-run': colors.yellow,
  message: colors.cyan,
  pipe: colors.blue,
  replay: colors.magenta,
  reload: colors.green,
  warning: colors.yellow,
  error: colors.red,
};

/** The short name of a resource (last part of an ARN or a path). */
function shortName(resource: string | undefined): string {
  if (!resource) return '';
  return resource.split(/[:/]/).filter(Boolean).pop() ?? resource;
}

/** A one-line summary of what the record's payload says. */
function summary(record: TraceRecord): string {
  const p = record.payload;
  // A map run's progress record: its counts as a one-line progress bar.
  if (record.kind === 'map-run')
    return formatMapRunProgress(summarizeMapRun({ mapRunArn: record.resource, ...p }));
  if (typeof p.message === 'string') return p.message;
  if (typeof p.summary === 'string') return p.summary;
  const text = JSON.stringify(p);
  return text.length > 160 ? text.slice(0, 157) + '...' : text;
}

/** One coloured line for a trace record. */
export function formatTraceRecord(record: TraceRecord): string {
  const time = record.time.slice(11, 23);
  const colour = KIND_COLOURS[record.kind] ?? ((s: string) => s);
  const trace = colors.dim(record.traceId.slice(0, 8));
  return `${colors.dim(time)} ${trace} ${colour(record.kind.padEnd(10))} ${colors.bold(shortName(record.resource))} ${summary(record)}`;
}
