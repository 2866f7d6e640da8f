// The map run scheduler alone: MaxConcurrency (and UpdateMapRun widening it), live counts, tolerated
// failure thresholds, outcomes known from before a restart, and a parent abort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exceedsThreshold,
  MapRunScheduler,
  type MapRunProgress,
} from '../../../../src/services/workflows/distributed/map-run.js';
import type { ChildOutcome } from '../../../../src/services/workflows/distributed/result-writer.js';

/** A launcher whose children end when the test says. */
function manual() {
  const pending = new Map<number, (o: ChildOutcome) => void>();
  const started: number[] = [];
  let running = 0;
  let peak = 0;
  const launch = (index: number, _input: unknown, signal: AbortSignal) =>
    new Promise<ChildOutcome>((resolve) => {
      started.push(index);
      running++;
      peak = Math.max(peak, running);
      const end = (o: ChildOutcome) => {
        running--;
        pending.delete(index);
        resolve(o);
      };
      pending.set(index, end);
      signal.addEventListener('abort', () => end({ status: 'ABORTED' }), { once: true });
    });
  const finish = async (index: number, status: ChildOutcome['status'] = 'SUCCEEDED') => {
    pending.get(index)!({ status, output: index });
    await new Promise((r) => setImmediate(r));
  };
  return { launch, finish, started, pending, peak: () => peak };
}

const inputs = (n: number) => Array.from({ length: n }, (_, i) => i);
const ones = (n: number) => inputs(n).map(() => 1);

describe('MapRunScheduler', () => {
  it('keeps at most MaxConcurrency children running and widens on update', async () => {
    const m = manual();
    let last: MapRunProgress | undefined;
    const s = new MapRunScheduler(
      inputs(6),
      ones(6),
      { maxConcurrency: 2 },
      new Map(),
      m.launch,
      (p) => (last = p),
    );
    const done = s.run(new AbortController().signal);
    expect(m.started).toEqual([0, 1]);
    expect(last!.executionCounts).toMatchObject({ running: 2, pending: 4 });
    await m.finish(0);
    expect(m.started).toEqual([0, 1, 2]);
    s.update({ maxConcurrency: 4 });
    expect(m.started).toEqual([0, 1, 2, 3, 4]);
    for (const i of [1, 2, 3, 4]) await m.finish(i);
    await m.finish(5);
    const end = await done;
    expect(end.exceeded).toBe(false);
    expect(end.outcomes.map((o) => o.output)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(m.peak()).toBe(4);
    expect(last!.itemCounts).toMatchObject({ succeeded: 6, running: 0, pending: 0, total: 6 });
  });

  it('stops past the tolerated count, aborting running children and leaving the rest pending', async () => {
    const m = manual();
    const s = new MapRunScheduler(
      inputs(5),
      [2, 2, 2, 2, 2],
      { maxConcurrency: 2, toleratedFailureCount: 2 },
      new Map(),
      m.launch,
      () => undefined,
    );
    const done = s.run(new AbortController().signal);
    await m.finish(0, 'FAILED'); // 2 failed items: tolerated
    await m.finish(1); // child 2 starts
    await m.finish(2, 'FAILED'); // 4 failed items: over
    const end = await done;
    expect(end.exceeded).toBe(true);
    expect(end.outcomes.map((o) => o.status)).toEqual([
      'FAILED',
      'SUCCEEDED',
      'FAILED',
      'ABORTED',
      'PENDING',
    ]);
    expect(s.progress.itemCounts).toMatchObject({
      failed: 4,
      succeeded: 2,
      aborted: 2,
      pending: 2,
      total: 10,
    });
    expect(s.progress.executionCounts).toMatchObject({
      failed: 2,
      aborted: 1,
      pending: 1,
      failuresNotRedrivable: 3,
    });
  });

  it('does not launch children whose outcome is known from before a restart', async () => {
    const m = manual();
    const known = new Map<number, ChildOutcome>([
      [0, { status: 'SUCCEEDED', output: 'kept' }],
      [2, { status: 'SUCCEEDED', output: 'kept' }],
    ]);
    const s = new MapRunScheduler(
      inputs(3),
      ones(3),
      { maxConcurrency: 0 },
      known,
      m.launch,
      () => undefined,
    );
    const done = s.run(new AbortController().signal);
    expect(m.started).toEqual([1]);
    await m.finish(1);
    expect((await done).outcomes.map((o) => o.output)).toEqual(['kept', 1, 'kept']);
  });

  it('ends aborted when the parent stops', async () => {
    const m = manual();
    const parent = new AbortController();
    const s = new MapRunScheduler(
      inputs(3),
      ones(3),
      { maxConcurrency: 1 },
      new Map(),
      m.launch,
      () => undefined,
    );
    const done = s.run(parent.signal);
    parent.abort();
    const end = await done;
    expect(end.aborted).toBe(true);
    expect(end.outcomes.map((o) => o.status)).toEqual(['ABORTED', 'PENDING', 'PENDING']);
  });

  it('keeps counts consistent and never exceeds the limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<ChildOutcome['status']>('SUCCEEDED', 'FAILED', 'TIMED_OUT'), {
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 5 }),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        async (statuses, maxConcurrency, toleratedFailureCount) => {
          let running = 0;
          let peak = 0;
          const launch = async (i: number) => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setImmediate(r));
            running--;
            return { status: statuses[i] };
          };
          const s = new MapRunScheduler(
            inputs(statuses.length),
            ones(statuses.length),
            { maxConcurrency, toleratedFailureCount: toleratedFailureCount ?? 100 },
            new Map(),
            launch,
            () => undefined,
          );
          const end = await s.run(new AbortController().signal);
          if (maxConcurrency > 0) expect(peak).toBeLessThanOrEqual(maxConcurrency);
          const c = s.progress.executionCounts;
          expect(c.pending + c.running + c.succeeded + c.failed + c.timedOut + c.aborted).toBe(c.total);
          expect(c.running).toBe(0);
          const failures = statuses.filter((x) => x !== 'SUCCEEDED').length;
          if (!end.exceeded) expect(c.succeeded).toBe(statuses.length - failures);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('exceedsThreshold', () => {
  it.each([
    [0, 10, {}, false],
    [1, 10, {}, true],
    [1, 10, { toleratedFailureCount: 1 }, false],
    [2, 10, { toleratedFailureCount: 1 }, true],
    [2, 10, { toleratedFailurePercentage: 20 }, false],
    [3, 10, { toleratedFailurePercentage: 20 }, true],
    [3, 10, { toleratedFailureCount: 5, toleratedFailurePercentage: 20 }, true],
  ])('%i of %i failed with %j: %s', (failed, total, limits, expected) => {
    expect(exceedsThreshold(failed, total, { maxConcurrency: 0, ...limits })).toBe(expected);
  });
});
