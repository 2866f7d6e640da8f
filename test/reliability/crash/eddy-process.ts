// `eddy dev` as a child process on a state folder: started from the built CLI exactly as a user runs
// it, killed with SIGKILL, restarted on the same folder and the same port (so clients keep their
// endpoint), with its peak resident memory read from /proc before each kill and how long its starts
// took (the harness picks kill moments inside a start from that).
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
  /** Milliseconds from spawn to the banner, for every start that got there. */
  readonly startMs: number[] = [];
  /** CPU milliseconds eddy used from spawn to the banner (Linux: /proc), for every start that got there. */
  readonly startCpuMs: number[] = [];
  /** True from the banner until the child is stopped: eddy is serving. */
  ready = false;
  private wakeUp = signal();

  constructor(private readonly options: EddyProcessOptions) {}

  /** Starts eddy and resolves with its endpoint once it prints the `--json` banner. */
  async start(): Promise<string> {
    const spawnedAt = performance.now();
    this.ready = false;
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
    this.startMs.push(performance.now() - spawnedAt);
    const cpu = cpuMsOf(child.pid);
    if (cpu !== undefined) this.startCpuMs.push(cpu);
    if (this.child === child && this.running) {
      this.ready = true;
      this.wakeUp.resolve();
      this.wakeUp = signal();
    }
    return endpoint;
  }

  /** Resolves when eddy next prints its banner (load drivers wait on it instead of polling a dead port). */
  nextReady(): Promise<void> {
    return this.wakeUp.promise;
  }

  /** How long the last completed start took (0 before the first). */
  get lastStartMs(): number {
    return this.startMs.at(-1) ?? 0;
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
    this.ready = false;
    if (!child || !this.running) return;
    this.sampleMemory();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

/** User + system CPU time of a process so far, in ms (Linux only; undefined elsewhere or once it is gone). */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every common architecture. */
const CLOCK_TICKS_PER_S = 100;

/** A promise with its resolve function (Node 20 has no Promise.withResolvers). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
