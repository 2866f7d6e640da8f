// eddy's side of a handler process the spawner started (spawner-host.ts): the process's streams arrive
// as connections on eddy's socket, its pid and exit as reports from the spawner. It keeps the surface
// of a process eddy forked itself (channel.ts), including `close` only once every stream has ended, so
// the last output of a crashing handler is read before its end is reported.
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { WorkerHandlers, WorkerProcess } from './channel.js';
import { lowerPriority } from './priority.js';
import type { HostMessage, WorkerMessage } from './protocol.js';
import type { StreamName } from './spawner-protocol.js';

/** A handler process started by the spawner, seen from eddy. */
export class RemoteWorker implements WorkerProcess {
  pid: number | undefined;
  private handlers?: WorkerHandlers;
  /** Where eddy writes messages: the IPC socket (Node.js) or the request socket (Python). */
  private out?: Socket;
  private readonly outbox: HostMessage[] = [];
  private readonly sockets = new Set<Socket>();
  /** Streams that have not arrived and ended yet. */
  private open: number;
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private closed = false;
  private killRequested = false;
  /** Set when the spawner went away before starting the process: eddy forked it itself. */
  private fallback?: WorkerProcess;
  /** Set when the spawner went away after starting it: the end of the streams is the end of the process. */
  private unsupervised = false;

  constructor(
    readonly id: string,
    private readonly streams: readonly StreamName[],
    private readonly direct: () => WorkerProcess,
    private readonly forget: () => void,
  ) {
    this.open = streams.length;
  }

  attach(handlers: WorkerHandlers): void {
    this.handlers = handlers;
  }

  send(message: HostMessage): void {
    if (this.fallback) return this.fallback.send(message);
    if (this.exit || this.closed) return;
    if (this.out && this.pid !== undefined) this.write(message);
    else this.outbox.push(message);
  }

  kill(): void {
    if (this.fallback) return this.fallback.kill();
    this.killRequested = true;
    if (this.pid !== undefined && !this.exit) signalKill(this.pid);
  }

  /** One of the process's streams connected; its hello line has been read, and nothing after it. */
  attachStream(name: StreamName, socket: Socket): void {
    if (this.fallback || this.closed || !this.streams.includes(name)) return void socket.destroy();
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.open--;
      this.settle();
    });
    if (name === 'stdout' || name === 'stderr')
      socket.setEncoding('utf8').on('data', (text: string) => this.handlers?.output(name, text));
    else if (name === 'ipc' || name === 'replies')
      // One JSON document per line, read as channel.ts reads a Python process's replies.
      createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => this.onLine(line));
    if (name === 'ipc' || name === 'requests') {
      this.out = socket;
      this.flush();
    }
    // Always read, even the request socket (nothing arrives on it): its EOF is how its end is seen.
    socket.resume();
  }

  /** The spawner started the process. */
  onSpawned(pid: number): void {
    this.pid = pid;
    lowerPriority(pid);
    if (this.killRequested) signalKill(pid);
    this.flush();
  }

  /** The spawner saw the process end. */
  onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exit) return;
    this.exit = { code, signal };
    this.handlers?.exit(code, signal);
    this.settle();
  }

  /** The spawner could not start the process. */
  onFailed(): void {
    if (this.closed) return;
    this.closed = true;
    this.forget();
    for (const socket of this.sockets) socket.destroy();
    this.handlers?.error();
  }

  /**
   * The spawner is gone. A process it had not started yet is forked by eddy itself (a handler never
   * fails because of the spawner); one it had started keeps running, its streams still connected.
   */
  onSpawnerGone(): void {
    if (this.closed || this.exit) return;
    if (this.pid !== undefined) {
      this.unsupervised = true;
      return this.settle();
    }
    for (const socket of this.sockets) socket.destroy();
    this.forget();
    if (this.killRequested) {
      // Stopped before it started: report it as a killed process would be, with nothing to fork.
      this.closed = true;
      this.handlers?.exit(null, 'SIGKILL');
      return this.handlers?.close(null, 'SIGKILL');
    }
    let worker: WorkerProcess;
    try {
      worker = this.direct();
    } catch {
      this.closed = true;
      return this.handlers?.error();
    }
    this.fallback = worker;
    if (this.handlers) worker.attach(this.handlers);
    for (const message of this.outbox.splice(0)) worker.send(message);
    if (this.killRequested) worker.kill();
  }

  private settle(): void {
    if (this.closed || this.open > 0) return;
    if (!this.exit && !this.unsupervised) return;
    this.closed = true;
    this.forget();
    // Unsupervised, the exit status is unknown: the process closed its streams, so it counts as ended.
    const { code, signal } = this.exit ?? { code: null, signal: null };
    if (!this.exit) this.handlers?.exit(code, signal);
    this.handlers?.close(code, signal);
  }

  private flush(): void {
    if (!this.out || this.pid === undefined) return;
    for (const message of this.outbox.splice(0)) this.write(message);
  }

  private write(message: HostMessage): void {
    // Node's IPC 'json' serialization is one JSON document per line, as the Python bootstrap reads.
    if (!this.out!.destroyed) this.out!.write(`${JSON.stringify(message)}\n`);
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    let message: WorkerMessage | { cmd?: unknown };
    try {
      message = JSON.parse(line) as WorkerMessage | { cmd?: unknown };
    } catch {
      return; // not eddy's protocol (a handler writing to the channel's fd itself)
    }
    // Node's own messages on the channel (NODE_HANDLE_ACK...) are not eddy's.
    if ('cmd' in message && typeof message.cmd === 'string' && message.cmd.startsWith('NODE_')) return;
    this.handlers?.message(message as WorkerMessage);
  }
}

function signalKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // ESRCH: it already ended; its exit report is on the way.
  }
}
