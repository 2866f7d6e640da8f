// The crash harness: runs `eddy dev` on a state folder under load from the real SDK clients, kills it
// with SIGKILL at seeded random moments (some while it is still starting and recovering), restarts it
// on the same folder, then stops the producers, lets everything drain and reports what was
// acknowledged, delivered, duplicated and lost.
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
  /** How long the drain may take before what is missing counts as lost. */
  drainTimeoutMs?: number;
  /** Called after each kill (progress for the soak runner). */
  onKill?(kills: number): void;
}

/** What a scenario saw. */
export interface CrashReport {
  seed: number;
  kills: number;
  /** Kills that hit eddy while it was starting (recovering from the previous kill). */
  killsDuringStart: number;
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
  try {
    await killRepeatedly(eddy, rng, options, report);
    producing = false;
    await drain(events, messages, executions, replays, options.drainTimeoutMs ?? 60_000);
  } finally {
    // Also when a restart failed: every driver must end, or the scenario never returns.
    producing = false;
    finished = true;
    await Promise.all(load);
    await eddy.stop();
    clients.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  const lostSamples = [
    ...events.delivered.missing(),
    ...events.deadLettered.missing(),
    ...messages.missing(),
    ...executions.flows.missing(),
    ...executions.maps.missing(),
  ].slice(0, 10);
  return {
    seed: options.seed,
    ...report,
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
}

async function killRepeatedly(
  eddy: EddyProcess,
  rng: () => number,
  options: CrashOptions,
  report: { kills: number; killsDuringStart: number; selfExits: string[] },
): Promise<void> {
  const [minUp, maxUp] = options.upMs ?? [300, 1500];
  const deadline = Date.now() + (options.maxKillPhaseMs ?? Infinity);
  while (report.kills < options.kills && Date.now() < deadline) {
    await sleep(between(rng, minUp, maxUp));
    if (eddy.running) {
      await eddy.kill();
      report.kills++;
      options.onKill?.(report.kills);
    } else {
      report.selfExits.push(`after kill ${report.kills}: ${eddy.stderr.slice(-1000)}`);
    }
    if (rng() < 0.25 && report.kills < options.kills) {
      // Kill again while eddy is starting: migrations, resumed deliveries, executions and replays.
      const starting = eddy.start().catch(() => undefined);
      await sleep(between(rng, 20, 2000));
      const up = eddy.running;
      await eddy.kill();
      await starting;
      if (up) {
        report.killsDuringStart++;
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
