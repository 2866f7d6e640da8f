// Crash safety in CI: eddy dev is killed with SIGKILL at seeded random moments under load (PutEvents
// bursts, deliveries with retries and a DLQ, SQS sends and receives, STANDARD executions in Waits and
// Retries, Distributed Map runs, replays), restarted on the same state folder each time, then drained:
// nothing acknowledged may be lost. EDDY_CRASH_SEED changes the seeds, EDDY_CRASH_MS the time spent
// killing (per scenario; two scenarios run side by side).
import { expect, test } from 'vitest';
import { lostIn, runCrashScenario } from './harness.js';
import { formatTotals, totals } from './report.js';
import { baseSeed } from './rng.js';

const KILL_PHASE_MS = Number(process.env.EDDY_CRASH_MS ?? 90_000);
const seeds = [baseSeed(), baseSeed() + 7919];

test(
  `SIGKILL at random moments loses nothing acknowledged (seeds ${seeds.join(', ')})`,
  async () => {
    const reports = await Promise.all(
      seeds.map((seed) =>
        runCrashScenario({
          seed,
          kills: 150,
          maxKillPhaseMs: KILL_PHASE_MS,
          // Short runs between kills: as many kills as fit, each with work in flight; most restarts
          // are killed again while starting (recovery), often more than once in a row.
          upMs: [100, 500],
          startKillChance: 0.75,
          drainTimeoutMs: 45_000,
        }),
      ),
    );
    const sum = totals(reports);
    console.log(`crash suite (seeds ${seeds.join(', ')}):\n${formatTotals(sum)}`);
    for (const report of reports) {
      const context = `seed ${report.seed} (rerun with EDDY_CRASH_SEED): ${JSON.stringify(report, null, 1)}`;
      expect(report.selfExits, context).toEqual([]);
      expect(lostIn(report), context).toBe(0);
      expect(report.wrongExecutions, context).toEqual([]);
      // The load must have reached every part, or the test proves nothing.
      expect(report.kills, context).toBeGreaterThanOrEqual(3);
      expect(report.events.acknowledged, context).toBeGreaterThan(0);
      expect(report.deadLettered.acknowledged, context).toBeGreaterThan(0);
      expect(report.messages.acknowledged, context).toBeGreaterThan(0);
      expect(report.executions.acknowledged, context).toBeGreaterThan(0);
      expect(report.mapRuns.acknowledged, context).toBeGreaterThan(0);
      expect(report.replays.started, context).toBeGreaterThan(0);
    }
  },
  KILL_PHASE_MS + 150_000,
);
