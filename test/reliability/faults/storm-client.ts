// The storm's client side: invocations through Lambda's Invoke API and a loop of health checks whose
// slowest answer is the storm's figure.

/** Invokes a storm function through Lambda's Invoke API (`tail`: LogType Tail). */
export async function invoke(endpoint: string, name: string, tail = false) {
  const res = await fetch(`${endpoint}/2015-03-31/functions/${name}/invocations`, {
    method: 'POST',
    headers: tail ? { 'x-amz-log-type': 'Tail' } : {},
    body: '{}',
  });
  const text = await res.text();
  return {
    status: res.status,
    functionError: res.headers.get('x-amz-function-error'),
    logTail: res.headers.get('x-amz-log-result'),
    text,
  };
}

/**
 * Polls /_eddy/health every 20 ms until stopped; returns the slowest answer, the 99th percentile and failures.
 * Resolves once one unmeasured check has been answered: a process's first `fetch` loads Node's bundled
 * undici, about 80 ms of the client's own time on this machine against 4–6 ms for the next one, which
 * says nothing about eddy (until 2026-11-28 that first check was the storm's slowest in every run).
 */
export async function healthLoop(endpoint: string) {
  await (await fetch(`${endpoint}/_eddy/health`)).text();
  let running = true;
  let maxMs = 0;
  let failures = 0;
  let checks = 0;
  const latencies: number[] = [];
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${endpoint}/_eddy/health`, { signal: AbortSignal.timeout(10_000) });
        await res.text();
        if (!res.ok) failures++;
      } catch {
        failures++;
      }
      const ms = performance.now() - started;
      latencies.push(ms);
      maxMs = Math.max(maxMs, ms);
      checks++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      latencies.sort((a, b) => a - b);
      const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
      return { maxMs, p99Ms, failures, checks };
    },
  };
}
