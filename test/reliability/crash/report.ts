// Sums and prints crash reports: the figures the CI suite logs and `npm run soak` prints.
import type { Tally } from './ledger.js';
import { lostIn, type CrashReport } from './harness.js';

/** Several scenarios' figures added up. */
export interface CrashTotals {
  scenarios: number;
  kills: number;
  killsDuringStart: number;
  /** The slowest scenario's median start (spawn to banner), in ms. */
  medianStartMs: number;
  /** The highest of the scenarios' median CPU time of a start, in ms. */
  medianStartCpuMs: number;
  selfExits: number;
  events: Tally;
  deadLettered: Tally;
  messages: Tally;
  executions: Tally;
  mapRuns: Tally;
  replays: { started: number; completed: number; missingEvents: number };
  wrongExecutions: number;
  lost: number;
  peakRssKb: number;
}

const zero = (): Tally => ({
  acknowledged: 0,
  delivered: 0,
  lost: 0,
  duplicates: 0,
  unacknowledgedDelivered: 0,
});

function add(a: Tally, b: Tally): Tally {
  return {
    acknowledged: a.acknowledged + b.acknowledged,
    delivered: a.delivered + b.delivered,
    lost: a.lost + b.lost,
    duplicates: a.duplicates + b.duplicates,
    unacknowledgedDelivered: a.unacknowledgedDelivered + b.unacknowledgedDelivered,
  };
}

/** Adds up reports. */
export function totals(reports: CrashReport[]): CrashTotals {
  const t: CrashTotals = {
    scenarios: reports.length,
    kills: 0,
    killsDuringStart: 0,
    medianStartMs: 0,
    medianStartCpuMs: 0,
    selfExits: 0,
    events: zero(),
    deadLettered: zero(),
    messages: zero(),
    executions: zero(),
    mapRuns: zero(),
    replays: { started: 0, completed: 0, missingEvents: 0 },
    wrongExecutions: 0,
    lost: 0,
    peakRssKb: 0,
  };
  for (const r of reports) {
    t.kills += r.kills;
    t.killsDuringStart += r.killsDuringStart;
    t.medianStartMs = Math.max(t.medianStartMs, r.medianStartMs);
    t.medianStartCpuMs = Math.max(t.medianStartCpuMs, r.medianStartCpuMs);
    t.selfExits += r.selfExits.length;
    t.events = add(t.events, r.events);
    t.deadLettered = add(t.deadLettered, r.deadLettered);
    t.messages = add(t.messages, r.messages);
    t.executions = add(t.executions, r.executions);
    t.mapRuns = add(t.mapRuns, r.mapRuns);
    t.replays.started += r.replays.started;
    t.replays.completed += r.replays.completed;
    t.replays.missingEvents += r.replays.missingEvents;
    t.wrongExecutions += r.wrongExecutions.length;
    t.lost += lostIn(r);
    t.peakRssKb = Math.max(t.peakRssKb, r.peakRssKb);
  }
  return t;
}

function row(name: string, tally: Tally): string {
  const { acknowledged, delivered, lost, duplicates, unacknowledgedDelivered } = tally;
  return `  ${name.padEnd(22)} ${String(acknowledged).padStart(7)} ${String(delivered).padStart(9)} ${String(lost).padStart(5)} ${String(duplicates).padStart(10)} ${String(unacknowledgedDelivered).padStart(13)}`;
}

/** The figures as a short table. */
export function formatTotals(t: CrashTotals): string {
  return [
    `kills survived: ${t.kills} (${t.killsDuringStart} during start-up) in ${t.scenarios} scenario(s); eddy exits on its own: ${t.selfExits}`,
    `  restarts: median ${t.medianStartMs} ms from spawn to serving, ${t.medianStartCpuMs} ms of CPU (slowest scenario)`,
    `  ${''.padEnd(22)} ${'acked'.padStart(7)} ${'delivered'.padStart(9)} ${'lost'.padStart(5)} ${'duplicates'.padStart(10)} ${'unacked-seen'.padStart(13)}`,
    row('events → SQS target', t.events),
    row('events → DLQ (failing)', t.deadLettered),
    row('SQS messages', t.messages),
    row('executions (STANDARD)', t.executions),
    row('distributed map runs', t.mapRuns),
    `  replays: ${t.replays.started} started, ${t.replays.completed} completed, ${t.replays.missingEvents} expected events not re-sent`,
    `  executions ending wrong: ${t.wrongExecutions}; LOST in total: ${t.lost}`,
    `  peak RSS of eddy: ${(t.peakRssKb / 1024).toFixed(1)} MB`,
  ].join('\n');
}
