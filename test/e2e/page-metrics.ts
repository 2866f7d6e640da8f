// Responsiveness of a page under test, measured inside the page: long tasks (PerformanceObserver
// 'longtask', main-thread work over 50 ms) and the time between animation frames while a phase runs,
// and from Chrome's own counters (CDP Performance.getMetrics) the CPU time the page's main thread used.
// Frame gaps and long tasks are wall-clock and grow when other processes take the CPU; the main
// thread's CPU time does not, so it is the figure to compare between runs on a shared machine.
// Reported by the console benchmark; never asserted on (a timed assertion would fail on a busy machine).
import type { CDPSession, Page } from 'playwright-core';

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
  /** CPU time of the page's main thread during the phase. */
  cpuMs: number;
  /** DOM nodes in the page at the end. */
  nodes: number;
}

const sessions = new WeakMap<Page, CDPSession>();

/** Chrome's counters for the page: main-thread CPU seconds and DOM nodes. */
async function counters(page: Page): Promise<{ thread: number; nodes: number }> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    await session.send('Performance.enable');
    sessions.set(page, session);
  }
  const { metrics } = await session.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { thread: get('ThreadTime'), nodes: get('Nodes') };
}

/** Adds the recorder to every page `page` loads from now on. */
export async function recordMetrics(page: Page): Promise<void> {
  await page.addInitScript(INIT);
}

/** Runs `phase`, which loads the page: measured from the navigation's start (the page's time origin). */
export async function measureLoad(page: Page, phase: () => Promise<void>): Promise<PhaseMetrics> {
  const before = await counters(page);
  await phase();
  const after = await counters(page);
  // A new renderer process (about:blank to the console's origin) starts its clock at zero.
  const cpu = after.thread >= before.thread ? after.thread - before.thread : after.thread;
  return { ...(await collect(page, 0)), cpuMs: cpu * 1000, nodes: after.nodes };
}

/** Runs `phase`, recording frames and long tasks in the page meanwhile. */
export async function measure(page: Page, phase: () => Promise<void>): Promise<PhaseMetrics> {
  const startedAt = await page.evaluate(() => {
    const m = (window as unknown as { __metrics: { frames: number[]; recording: boolean } }).__metrics;
    m.frames = [];
    m.recording = true;
    return performance.now();
  });
  const before = await counters(page);
  await phase();
  const after = await counters(page);
  return {
    ...(await collect(page, startedAt)),
    cpuMs: (after.thread - before.thread) * 1000,
    nodes: after.nodes,
  };
}

/** Stops recording and sums up frames and long tasks since `start` (page time). */
function collect(page: Page, startedAt: number): Promise<Omit<PhaseMetrics, 'cpuMs' | 'nodes'>> {
  // One more frame, so a long task at the very end shows up as a frame gap too.
  return page.evaluate(
    (start) =>
      new Promise<Omit<PhaseMetrics, 'cpuMs' | 'nodes'>>((resolve) =>
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
    `${name}: ${Math.round(m.ms)} ms, main thread CPU ${Math.round(m.cpuMs)} ms, ${m.nodes} DOM nodes, ${m.frames} frames (median ${f(m.medianFrameMs)} ms, p95 ${f(m.p95FrameMs)} ms, ` +
    `max ${f(m.maxFrameMs)} ms), ${m.longTasks} long tasks (longest ${f(m.longestTaskMs)} ms, blocking ${Math.round(m.blockingMs)} ms)`
  );
}
