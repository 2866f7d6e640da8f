// Starting an instance process and talking to it. Node.js workers are forked with an IPC channel;
// Python has no Node IPC, so its bootstrap reads requests from fd 3 and writes replies to fd 4, one JSON
// document per line. Both give eddy the same `send` / `onMessage` surface.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { lowerPriority } from './priority.js';
import type { HostMessage, WorkerMessage } from './protocol.js';

/** A started instance process with its message channel. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  send(message: HostMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
}

/** How to start one instance process. */
export interface LaunchOptions {
  env: Record<string, string>;
  cwd: string;
  memoryMB: number;
}

/** Forks the Node.js worker bootstrap. */
export function launchNode(workerScript: string, options: LaunchOptions): WorkerProcess {
  // Lambda gives V8 most of MemorySize as heap; past it the process dies as Lambda's would.
  const heapMB = Math.max(16, Math.floor(options.memoryMB * 0.9));
  const child = fork(workerScript, [], {
    cwd: options.cwd,
    env: options.env,
    execArgv: ['--enable-source-maps', `--max-old-space-size=${heapMB}`],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  lowerPriority(child.pid);
  return {
    child,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as WorkerMessage)),
  };
}

/** Spawns `python3 bootstrap.py` with the request and reply pipes on fds 3 and 4. */
export function launchPython(bootstrap: string, options: LaunchOptions & { python?: string }): WorkerProcess {
  const child = spawn(options.python ?? 'python3', ['-u', bootstrap], {
    cwd: options.cwd,
    env: { ...options.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
  });
  lowerPriority(child.pid);
  const requests = child.stdio[3] as Writable;
  const replies = child.stdio[4] as Readable;
  requests.on('error', () => undefined);
  return {
    child,
    send: (message) => {
      if (child.exitCode === null && !requests.destroyed) requests.write(JSON.stringify(message) + '\n');
    },
    onMessage: (listener) => {
      createInterface({ input: replies }).on('line', (line) => {
        if (line.trim()) listener(JSON.parse(line) as WorkerMessage);
      });
    },
  };
}
