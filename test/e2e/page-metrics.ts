// Responsiveness of a page under test, measured inside the page: long tasks (PerformanceObserver
// 'longtask', main-thread work over 50 ms) and the time between animation frames while a phase runs.
// Reported by the console benchmark; never asserted on (a timed assertion would fail on a busy machine).
import type { Page } from 'playwright-core';

/** Installed before the page's own scripts: records long tasks always, frame gaps from the load on. */
const INIT = `
  window.__metrics = { longTasks: [], frames: [], recording: true };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__metrics.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const tick = (t) => {
    if (window.__metrics.recording) window.__metrics.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

/** What one phase measured. */
export interface PhaseMetrics {
  ms: number;
  frames: number;
  medianFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Sum over long tasks of the time past 50 ms: how long input would have waited. */
  blockingMs: number;
}

/** Adds the recorder to every page `page` loads from now on. */
export async function recordMetrics(page: Page): Promise<void> {
  await page.addInitScript(INIT);
}

/** Runs `phase`, which loads the page: measured from the navigation's start (the page's time origin). */
export async function measureLoad(page: Page, phase: () => Promise<void>): Promise<PhaseMetrics> {
  await phase();
  return collect(page, 0);
}

/** Runs `phase`, recording frames and long tasks in the page meanwhile. */
export async function measure(page: Page, phase: () => Promise<void>): Promise<PhaseMetrics> {
  const startedAt = await page.evaluate(() => {
    const m = (window as unknown as { __metrics: { frames: number[]; recording: boolean } }).__metrics;
    m.frames = [];
    m.recording = true;
    return performance.now();
  });
  await phase();
  return collect(page, startedAt);
}

/** Stops recording and sums up frames and long tasks since `start` (page time). */
function collect(page: Page, startedAt: number): Promise<PhaseMetrics> {
  // One more frame, so a long task at the very end shows up as a frame gap too.
  return page.evaluate(
    (start) =>
      new Promise<PhaseMetrics>((resolve) =>
        requestAnimationFrame(() => {
          const m = (
            window as unknown as {
              __metrics: {
                frames: number[];
                recording: boolean;
                longTasks: { start: number; duration: number }[];
              };
            }
          ).__metrics;
          m.recording = false;
          const frames = [...m.frames].sort((a, b) => a - b);
          const at = (q: number) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] ?? 0;
          const tasks = m.longTasks.filter((t) => t.start >= start);
          resolve({
            ms: performance.now() - start,
            frames: frames.length,
            medianFrameMs: at(0.5),
            p95FrameMs: at(0.95),
            maxFrameMs: frames[frames.length - 1] ?? 0,
            longTasks: tasks.length,
            longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
            blockingMs: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
          });
        }),
      ),
    startedAt,
  );
}

/** One line for the report: `scroll: 3012 ms, 180 frames, median 16.7 ms, p95 18.1 ms, ...`. */
export function formatMetrics(name: string, m: PhaseMetrics): string {
  const f = (n: number) => n.toFixed(1);
  return (
    `${name}: ${Math.round(m.ms)} ms, ${m.frames} frames (median ${f(m.medianFrameMs)} ms, p95 ${f(m.p95FrameMs)} ms, ` +
    `max ${f(m.maxFrameMs)} ms), ${m.longTasks} long tasks (longest ${f(m.longestTaskMs)} ms, blocking ${Math.round(m.blockingMs)} ms)`
  );
}
