// The crash harness: runs `eddy dev` on a state folder under load from the real SDK clients, kills it
// with SIGKILL at seeded random moments (while it serves, and while it is still starting and
// recovering: opening the store, re-applying the app, resuming deliveries, executions and replays),
// restarts it on the same folder, then stops the producers, lets everything drain and reports what
// was acknowledged, delivered, duplicated and lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EddyProcess } from './eddy-process.js';
import type { Tally } from './ledger.js';
import { createClients } from './load/clients.js';
import { consumeEvents, EventWork, produceEvents } from './load/events.js';
import { ExecutionWork, produceExecutions, settleExecutions } from './load/executions.js';
import { sleep, type LoadContext } from './load/loop.js';
import { consumeMessages, produceMessages } from './load/queues.js';
import { produceReplays, watchReplays, type StartedReplay } from './load/replays.js';
import { Ledger } from './ledger.js';
import { writeProject } from './project.js';
import { between, seededRng } from './rng.js';

/** How one scenario runs. */
export interface CrashOptions {
  seed: number;
  /** Stop killing after this many kills... */
  kills: number;
  /** ...or after this long, whichever comes first. */
  maxKillPhaseMs?: number;
  /** How long eddy runs under load between a restart and the next kill. */
  upMs?: [number, number];
  /**
   * After a kill, the chance that the restart is killed too, at a random moment of its start (and
   * again after that, with the same chance): recovery is where crash bugs hide. Default 0.25.
   */
  startKillChance?: number;
  /** How long the drain may take before what is missing counts as lost. */
  drainTimeoutMs?: number;
  /** Called after each kill (progress for the soak runner). */
  onKill?(kills: number): void;
}

/** What a scenario saw. */
export interface CrashReport {
  seed: number;
  kills: number;
  /** Kills that hit eddy while it was starting (before its banner: recovering from the previous kill). */
  killsDuringStart: number;
  /** Median milliseconds from spawn to banner over the scenario's starts (restarts after kills). */
  medianStartMs: number;
  /** Median CPU milliseconds eddy used from spawn to banner (0 where /proc is missing). */
  medianStartCpuMs: number;
  /** Times eddy died on its own (a crash, not a kill): must be empty. */
  selfExits: string[];
  wallMs: number;
  events: Tally;
  deadLettered: Tally;
  messages: Tally;
  executions: Tally;
  mapRuns: Tally;
  replays: { started: number; completed: number; missingEvents: number; notCompleted: string[] };
  /** Executions that ended other than SUCCEEDED with the right output and history. */
  wrongExecutions: string[];
  /** A few of the ids lost, to start debugging from. */
  lostSamples: string[];
  /** The scenario's project and state folder, kept when something was lost or ended wrong. */
  keptStateDir?: string;
  peakRssKb: number;
}

/** Everything lost in a report (must be 0). */
export function lostIn(report: CrashReport): number {
  const { events, deadLettered, messages, executions, mapRuns, replays } = report;
  return (
    events.lost +
    deadLettered.lost +
    messages.lost +
    executions.lost +
    mapRuns.lost +
    replays.missingEvents +
    replays.notCompleted.length
  );
}

/** Runs one scenario in a fresh temp project and state folder. */
export async function runCrashScenario(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const rng = seededRng(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
  const eddy = new EddyProcess({ template: writeProject(dir), state: join(dir, 'state') });
  const clients = createClients(await eddy.start());
  let producing = true;
  let finished = false;
  const context = (salt: number): LoadContext => ({
    clients,
    rng: seededRng(options.seed + salt),
    prefix: `s${options.seed}`,
    producing: () => producing,
    finished: () => finished,
    restarted: () => eddy.nextReady(),
  });
  const events = new EventWork();
  const messages = new Ledger();
  const executions = new ExecutionWork();
  const replays: StartedReplay[] = [];
  const load = [
    produceEvents(context(1), events),
    consumeEvents(context(2), events),
    produceMessages(context(3), messages),
    consumeMessages(context(4), messages),
    produceExecutions(context(5), executions),
    settleExecutions(context(6), executions),
    produceReplays(context(7), events, replays),
    watchReplays(context(8), replays),
  ];
  const report = { kills: 0, killsDuringStart: 0, selfExits: [] as string[] };
  let ran = false;
  try {
    await killRepeatedly(eddy, rng, options, report);
    producing = false;
    await drain(events, messages, executions, replays, options.drainTimeoutMs ?? 60_000);
    ran = true;
  } finally {
    // Also when a restart failed: every driver must end, or the scenario never returns.
    producing = false;
    finished = true;
    await Promise.all(load);
    await eddy.stop();
    clients.destroy();
    if (!ran) rmSync(dir, { recursive: true, force: true });
  }
  const lostSamples = [
    ...events.delivered.missing(),
    ...events.deadLettered.missing(),
    ...messages.missing(),
    ...executions.flows.missing(),
    ...executions.maps.missing(),
  ].slice(0, 10);
  const result: CrashReport = {
    seed: options.seed,
    ...report,
    medianStartMs: Math.round(median(eddy.startMs)),
    medianStartCpuMs: Math.round(median(eddy.startCpuMs)),
    wallMs: Date.now() - started,
    events: events.delivered.tally(),
    deadLettered: events.deadLettered.tally(),
    messages: messages.tally(),
    executions: executions.flows.tally(),
    mapRuns: executions.maps.tally(),
    replays: {
      started: replays.length,
      completed: replays.filter((r) => r.state === 'COMPLETED').length,
      missingEvents: replays.reduce((sum, r) => sum + missingReplayed(events, r).length, 0),
      notCompleted: replays.filter((r) => r.state !== 'COMPLETED').map((r) => `${r.name}: ${r.state}`),
    },
    wrongExecutions: executions.wrong,
    lostSamples,
    peakRssKb: eddy.peakRssKb,
  };
  // The state folder is the evidence when something was lost: kept, and named in the report.
  if (lostIn(result) > 0 || result.wrongExecutions.length > 0) result.keptStateDir = dir;
  else rmSync(dir, { recursive: true, force: true });
  return result;
}

async function killRepeatedly(
  eddy: EddyProcess,
  rng: () => number,
  options: CrashOptions,
  report: { kills: number; killsDuringStart: number; selfExits: string[] },
): Promise<void> {
  const [minUp, maxUp] = options.upMs ?? [300, 1500];
  const startKillChance = options.startKillChance ?? 0.25;
  const deadline = Date.now() + (options.maxKillPhaseMs ?? Infinity);
  const more = () => report.kills < options.kills && Date.now() < deadline;
  while (more()) {
    await sleep(between(rng, minUp, maxUp));
    if (eddy.running) {
      await eddy.kill();
      report.kills++;
      options.onKill?.(report.kills);
    } else {
      report.selfExits.push(`after kill ${report.kills}: ${eddy.stderr.slice(-1000)}`);
    }
    while (rng() < startKillChance && more()) {
      // Kill again while eddy is starting. The moment is taken relative to the last start's length
      // (it varies tenfold with the machine's load): from late in Node's own boot, through opening the
      // store, migrations and re-applying the app, to just after the banner while work resumes.
      const starting = eddy.start().catch(() => undefined);
      await sleep(between(rng, 0.3 * eddy.lastStartMs, 1.2 * eddy.lastStartMs));
      const alive = eddy.running;
      const beforeBanner = !eddy.ready;
      await eddy.kill();
      await starting;
      if (alive) {
        if (beforeBanner) report.killsDuringStart++;
        report.kills++;
        options.onKill?.(report.kills);
      } else {
        report.selfExits.push(`while starting after kill ${report.kills}: ${eddy.stderr.slice(-1000)}`);
      }
    }
    await eddy.start();
  }
}

async function drain(
  events: EventWork,
  messages: Ledger,
  executions: ExecutionWork,
  replays: StartedReplay[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = () =>
    events.delivered.missing().length +
    events.deadLettered.missing().length +
    messages.missing().length +
    executions.flows.missing().length +
    executions.maps.missing().length +
    replays.filter((r) => r.state !== 'COMPLETED' || missingReplayed(events, r).length > 0).length;
  while (pending() > 0 && Date.now() < deadline) await sleep(200);
}

function missingReplayed(events: EventWork, replay: StartedReplay): string[] {
  const seen = events.replayed.get(replay.name);
  return replay.expected.filter((id) => !seen?.has(id));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
