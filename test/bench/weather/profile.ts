// A CPU profile of this process (eddy's main process when started in-process) over a phase, summarised
// as the functions with the most self time, so a missed target says where the time went. The whole
// profile is saved too (open it in Chrome's DevTools to see who calls what).
import { writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return session.post(method, params) as Promise<T>;
}

/** Starts profiling; `stop()` resolves with a printable summary. */
export async function profileMainProcess(): Promise<{ stop(): Promise<string> }> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 1000 });
  await post(session, 'Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
      session.disconnect();
      const saved = join(tmpdir(), `eddy-bench-weather-${process.pid}.cpuprofile`);
      writeFileSync(saved, JSON.stringify(profile));
      return summarise(profile) + `  (whole profile: ${saved})\n`;
    },
  };
}

function summarise(profile: Profiler.Profile): string {
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id)!;
    const frame = node.callFrame;
    const where = frame.url ? `${frame.url.split('/').slice(-3).join('/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    const ms = (deltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  return (
    `  main process profile (${(total / 1000).toFixed(1)} s sampled), top self time:\n` +
    top.map(([key, ms]) => `    ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}\n`).join('')
  );
}
