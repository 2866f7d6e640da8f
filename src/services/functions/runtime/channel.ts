// Starting an instance process and talking to it. Node.js workers get Node's IPC channel (JSON lines);
// Python has no Node IPC, so its bootstrap reads requests from fd 3 and writes replies to fd 4, one JSON
// document per line. Both give eddy the same `WorkerProcess` surface. The process is started by the
// spawner (spawner-host.ts) when it runs, so the fork never blocks eddy's event loop; otherwise (not
// started yet, or gone) eddy forks it itself, as it always did.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { lowerPriority } from './priority.js';
import type { HostMessage, WorkerMessage } from './protocol.js';
import { spawnerHost } from './spawner-host.js';

/** What a worker process reports; `exit` and `close` carry the process's exit code and signal. */
export interface WorkerHandlers {
  message(message: WorkerMessage): void;
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** The process ended (its output may still be in flight). */
  exit(code: number | null, signal: NodeJS.Signals | null): void;
  /** The process ended and everything it printed was read. */
  close(code: number | null, signal: NodeJS.Signals | null): void;
  /** The process could not be started. */
  error(): void;
}

/** A started instance process with its message channel. */
export interface WorkerProcess {
  /** The process id, once known. */
  readonly pid: number | undefined;
  send(message: HostMessage): void;
  /** Sets the one receiver of everything the process reports (called once, right after the launch). */
  attach(handlers: WorkerHandlers): void;
  /** Stops the process at once (SIGKILL). */
  kill(): void;
}

/** How to start one instance process. */
export interface LaunchOptions {
  env: Record<string, string>;
  cwd: string;
  memoryMB: number;
}

/** Starts the Node.js worker bootstrap with an IPC channel on fd 3. */
export function launchNode(workerScript: string, options: LaunchOptions): WorkerProcess {
  // Lambda gives V8 most of MemorySize as heap; past it the process dies as Lambda's would.
  const heapMB = Math.max(16, Math.floor(options.memoryMB * 0.9));
  const execArgv = ['--enable-source-maps', `--max-old-space-size=${heapMB}`];
  const direct = (): WorkerProcess => forkNode(workerScript, execArgv, options);
  return spawnerHost.launch(
    {
      command: process.execPath,
      args: [...execArgv, workerScript],
      // What fork() sets for the child: Node then opens process.send / 'message' on fd 3.
      env: { ...options.env, NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'json' },
      cwd: options.cwd,
      streams: ['stdout', 'stderr', 'ipc'],
    },
    direct,
  );
}

/** Starts `python3 bootstrap.py` with the request and reply channels on fds 3 and 4. */
export function launchPython(bootstrap: string, options: LaunchOptions & { python?: string }): WorkerProcess {
  const command = options.python ?? 'python3';
  const args = ['-u', bootstrap];
  const env = { ...options.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
  const direct = (): WorkerProcess => spawnPython(command, args, env, options.cwd);
  return spawnerHost.launch(
    { command, args, env, cwd: options.cwd, streams: ['stdout', 'stderr', 'requests', 'replies'] },
    direct,
  );
}

function forkNode(workerScript: string, execArgv: string[], options: LaunchOptions): WorkerProcess {
  const child = fork(workerScript, [], {
    cwd: options.cwd,
    env: options.env,
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  lowerPriority(child.pid);
  return childWorker(
    child,
    (message) => {
      if (child.connected) child.send(message);
    },
    (listener) => child.on('message', (m) => listener(m as WorkerMessage)),
  );
}

function spawnPython(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): WorkerProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
  lowerPriority(child.pid);
  const requests = child.stdio[3] as Writable;
  const replies = child.stdio[4] as Readable;
  requests.on('error', () => undefined);
  return childWorker(
    child,
    (message) => {
      if (child.exitCode === null && !requests.destroyed) requests.write(JSON.stringify(message) + '\n');
    },
    (listener) => {
      createInterface({ input: replies }).on('line', (line) => {
        if (line.trim()) listener(JSON.parse(line) as WorkerMessage);
      });
    },
  );
}

/** The WorkerProcess surface over a process eddy started itself. */
function childWorker(
  child: ChildProcess,
  send: (message: HostMessage) => void,
  onMessage: (listener: (message: WorkerMessage) => void) => void,
): WorkerProcess {
  return {
    get pid() {
      return child.pid;
    },
    send,
    attach: (handlers) => {
      onMessage((message) => handlers.message(message));
      child.stdout?.setEncoding('utf8').on('data', (text: string) => handlers.output('stdout', text));
      child.stderr?.setEncoding('utf8').on('data', (text: string) => handlers.output('stderr', text));
      child.on('error', () => handlers.error());
      child.on('exit', (code, signal) => handlers.exit(code, signal));
      child.on('close', (code, signal) => handlers.close(code, signal));
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
