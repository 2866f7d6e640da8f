// How fast `eddy dev` starts on the minimal template: the built CLI from spawn to a served health check,
// beside a bare Node.js process that only starts an HTTP server (the floor), and the in-process start.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DevEnvironment } from '../../src/dev/environment.js';
import { silentLogger } from '../../src/shared/logger.js';

const REPO = join(import.meta.dirname, '../..');
const TEMPLATE = join(REPO, 'templates/minimal/template.yaml');
const RUNS = 7;

/** Milliseconds from spawn until stdout matches `ready` (and the health check answers, if asked). */
function timeSpawn(args: string[], ready: RegExp, health: boolean): Promise<number> {
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
      child.kill('SIGTERM');
      resolve(elapsed);
    });
    child.on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Prints startup figures. */
export default async function run(): Promise<void> {
  const bare = [];
  const cli = [];
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
  const [b, c, p] = [median(bare), median(cli), median(inProcess)];
  console.log(`dev startup (minimal template, median of ${RUNS}):`);
  console.log(`  bare node + http server:   ${b.toFixed(0)} ms (baseline)`);
  console.log(
    `  eddy dev (CLI, to health): ${c.toFixed(0)} ms  ratio ${(c / b).toFixed(2)}x baseline  target < 1000 ms`,
  );
  console.log(`  DevEnvironment.start:      ${p.toFixed(0)} ms (in-process)`);
}
