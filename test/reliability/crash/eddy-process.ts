// `eddy dev` as a child process on a state folder: started from the built CLI exactly as a user runs
// it, killed with SIGKILL, restarted on the same folder and the same port (so clients keep their
// endpoint), with its peak resident memory read from /proc before each kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '../../..');
const CLI = join(REPO, 'bin/run.js');

/** Options of one eddy under test. */
export interface EddyProcessOptions {
  template: string;
  state: string;
  /** How long a start may take before it counts as a failure. */
  startTimeoutMs?: number;
}

/** An `eddy dev` child that can be killed and restarted. */
export class EddyProcess {
  private child?: ChildProcess;
  private port = 0;
  /** Highest VmHWM (peak RSS) seen across all runs, in kB. */
  peakRssKb = 0;
  /** Everything the current child wrote to stderr (shown when a start fails). */
  stderr = '';
  endpoint = '';

  constructor(private readonly options: EddyProcessOptions) {}

  /** Starts eddy and resolves with its endpoint once it prints the `--json` banner. */
  async start(): Promise<string> {
    const args = [CLI, 'dev', '--json', '--no-watch', '--port', String(this.port)];
    args.push('--template', this.options.template, '--state', this.options.state);
    const child = spawn(process.execPath, args, {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.stderr = '';
    child.stderr!.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      // Generous: on a saturated 2-core machine a restart that resumes work can take tens of seconds.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`eddy did not start in time:\n${this.stderr}`));
      }, this.options.startTimeoutMs ?? 120_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /"endpoint": "(http:\/\/[^"]+)"/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`eddy exited during start (${code ?? signal}):\n${this.stderr}`));
      });
    });
    this.port = Number(new URL(endpoint).port);
    this.endpoint = endpoint;
    return endpoint;
  }

  /** Whether the child is still running (it must not exit on its own). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Samples the child's peak RSS (VmHWM); Linux only, a no-op elsewhere. */
  sampleMemory(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) this.peakRssKb = Math.max(this.peakRssKb, Number(hwm[1]));
    } catch {
      // The process is gone or /proc is missing: nothing to sample.
    }
  }

  /** SIGKILL, as a crash or `kill -9` would; resolves once the process is gone. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  /** Stops the child with `signal` and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.sampleMemory();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
