// How fast `eddy dev` starts on the minimal template: the built CLI from spawn to a served health check,
// beside a bare Node.js process that only starts an HTTP server (the floor), and the in-process start.
// Wall time swings with the machine's load; the CPU time the child used (Linux, /proc) much less.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DevEnvironment } from '../../src/dev/environment.js';
import { silentLogger } from '../../src/shared/logger.js';

const REPO = join(import.meta.dirname, '../..');
const TEMPLATE = join(REPO, 'templates/minimal/template.yaml');
const RUNS = 7;

/** CPU milliseconds a process used so far (user + system; NaN where /proc is missing). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Wall and CPU milliseconds from spawn until stdout matches `ready` (and the health check answers). */
function timeSpawn(args: string[], ready: RegExp, health: boolean): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', async (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (!m) return;
      ready = /$^/; // fire once
      if (health) await fetch(`${m[1]}/_eddy/health`);
      const elapsed = performance.now() - start;
      const cpu = cpuMs(child.pid);
      child.kill('SIGTERM');
      resolve({ wall: elapsed, cpu });
    });
    child.on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Prints startup figures. */
export default async function run(): Promise<void> {
  const bare: { wall: number; cpu: number }[] = [];
  const cli: { wall: number; cpu: number }[] = [];
  const inProcess = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(
      await timeSpawn(
        ['-e', "require('http').createServer().listen(0,'127.0.0.1',function(){console.log('up http://x')})"],
        /up (http:\/\/x)/,
        false,
      ),
    );
    cli.push(
      await timeSpawn(
        ['bin/run.js', 'dev', '--template', TEMPLATE, '--in-memory', '--no-watch', '--port', '0'],
        /local cloud on (http:\/\/[\d.:]+)/,
        true,
      ),
    );
    const t0 = performance.now();
    const env = await DevEnvironment.start({
      template: TEMPLATE,
      inMemory: true,
      watch: false,
      port: 0,
      logger: silentLogger,
    });
    inProcess.push(performance.now() - t0);
    await env.stop();
  }
  const [b, c, p] = [median(bare.map((r) => r.wall)), median(cli.map((r) => r.wall)), median(inProcess)];
  const [bCpu, cCpu] = [median(bare.map((r) => r.cpu)), median(cli.map((r) => r.cpu))];
  console.log(`dev startup (minimal template, median of ${RUNS}):`);
  console.log(`  bare node + http server:   ${b.toFixed(0)} ms, ${bCpu} ms CPU (baseline)`);
  console.log(
    `  eddy dev (CLI, to health): ${c.toFixed(0)} ms  ratio ${(c / b).toFixed(2)}x baseline  target < 1000 ms`,
  );
  console.log(`                             ${cCpu} ms CPU  ratio ${(cCpu / bCpu).toFixed(2)}x baseline`);
  console.log(`  DevEnvironment.start:      ${p.toFixed(0)} ms (in-process)`);
}
