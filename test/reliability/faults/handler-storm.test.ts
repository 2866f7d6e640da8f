// Handlers failing every way at once (the storm): each invocation is answered as Lambda answers it,
// the server keeps answering its health check throughout (max latency recorded as a figure, not
// asserted), and the eddy process's memory stays bounded (peak RSS recorded and bounded loosely).
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MAX_LOG_LINE_CHARS } from '../../../src/services/functions/runtime/log-lines.js';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { healthLoop, invoke as invokeAt } from './storm-client.js';
import { stormProject } from './storm-project.js';

let eddy: RunningEddy;

beforeAll(async () => {
  eddy = await startEddy({ template: stormProject() });
});

afterAll(async () => {
  await eddy?.stop();
});

const invoke = (name: string, tail = false) => invokeAt(eddy.endpoint, name, tail);

test(
  'every handler fault is answered as Lambda does while the server stays responsive',
  { timeout: 180_000 },
  async () => {
    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
    // eddy runs in this process: the event loop's longest stall is eddy's (or this test's) block.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const health = await healthLoop(eddy.endpoint);
    const [throws, rejects, exits, hangs, hogs, chatty, big] = await Promise.all([
      invoke('throws'),
      invoke('rejects'),
      invoke('exits'),
      invoke('hangs'),
      invoke('hogs'),
      invoke('chatty', true),
      invoke('bigresult'),
    ]);
    const figures = await health.stop();
    loopDelay.disable();
    clearInterval(sampler);
    // Printed before any assertion, so a run that fails still reports its figures.
    const peakMB = Math.round(peakRss / 2 ** 20);
    console.log(
      `handler storm: health checks ${figures.checks}, failed ${figures.failures}, max latency ${Math.round(figures.maxMs)} ms, p99 ${Math.round(figures.p99Ms)} ms; ` +
        `longest event-loop block ${Math.round(loopDelay.max / 1e6)} ms; ` +
        `eddy RSS ${Math.round(baseRss / 2 ** 20)} MB before, peak ${peakMB} MB; load average ${loadavg()[0].toFixed(2)} ` +
        `(target: every health check within 100 ms)`,
    );
    const body = (r: { text: string }) => JSON.parse(r.text) as Record<string, unknown>;

    expect(throws.functionError).toBe('Unhandled');
    expect(body(throws)).toMatchObject({ errorType: 'TypeError', errorMessage: 'thrown on purpose' });
    expect(body(rejects)).toMatchObject({ errorType: 'Error', errorMessage: 'rejected on purpose' });
    expect(body(exits).errorType).toBe('Runtime.ExitError');
    expect(body(exits).errorMessage).toMatch(/exit status 3/);
    // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html: "Task timed out after 1.00 seconds"
    expect(body(hangs)).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(String(body(hangs).errorMessage)).toMatch(/Task timed out after 1\.\d+ seconds/);
    expect(body(hogs).errorType).toBe('Runtime.OutOfMemory');
    expect(chatty.status).toBe(200);
    expect(chatty.functionError).toBeNull();
    expect(body({ text: chatty.text })).toBe('said a lot');
    // LogType Tail returns the last 4 KB of the log, base64-encoded.
    expect(Buffer.from(chatty.logTail ?? '', 'base64').length).toBeLessThanOrEqual(4096);
    expect(body(big)).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
    expect(big.functionError).toBe('Unhandled');

    // 10 MB lines are cut at CloudWatch's 256 KB event size; the 1 KB lines all arrive.
    const chattyLines = eddy.records.filter((r) => r.kind === 'log' && r.payload.function === 'chatty');
    const longest = Math.max(...chattyLines.map((r) => String(r.payload.message).length));
    expect.soft(longest).toBe(MAX_LOG_LINE_CHARS);
    const kiloLine = 'x'.repeat(1023);
    const kiloLines = chattyLines.filter((r) => String(r.payload.message).endsWith(kiloLine));
    expect
      .soft(kiloLines, `e.g. ${String(chattyLines[1]?.payload.message).slice(0, 120)}`)
      .toHaveLength(51_200);

    // The service still serves ordinary invocations after the storm.
    expect(body(await invoke('echo'))).toEqual({ echoed: {} });

    expect(figures.failures).toBe(0);
    // Loose bound: 100 MB of logs and a 10 MB result must not be held many times over.
    expect(peakRss - baseRss).toBeLessThan(1024 * 2 ** 20);
  },
);
