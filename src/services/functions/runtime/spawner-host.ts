// eddy's side of the spawner (spawner.ts): forks it once, while eddy is still small, listens on a Unix
// socket for the streams of the processes it starts, and matches each connection to its launch by the
// hello line. The socket is private to eddy's user (mode 0600) and each hello must carry this run's
// random token, so no other local process can pose as a handler. When the spawner is not running (not
// started yet, failed, or died) a launch forks directly, as before; a dead spawner is started again.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerProcess } from './channel.js';
import { RemoteWorker } from './remote-worker.js';
import {
  type Hello,
  type LaunchRequest,
  MAX_HELLO_BYTES,
  type SpawnerReport,
  type SpawnerRequest,
} from './spawner-protocol.js';
import { removeStaleSockets } from './stale-sockets.js';
import { spawnerScriptPath } from './worker-script.js';

/**
 * How long after the spawner died eddy starts a new one; doubled after each spawner that started no
 * process, up to MAX_RESTART_DELAY_MS (each start is a fork of eddy, the stall the spawner avoids).
 */
const RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 60_000;

/** The name of a spawner socket in the temp folder (short: sun_path holds ~107 bytes). */
const SOCKET_NAME = /^eddy-\d+-[0-9a-f]{8}\.sock$/;

/** One running spawner: its process and the socket its launches connect to. */
interface Session {
  child: ChildProcess;
  server: Server;
  socketPath: string;
  token: Buffer;
  listening: boolean;
  launches: Map<string, RemoteWorker>;
}

/** Starts handler processes through the spawner while one runs, directly otherwise. */
export class SpawnerHost {
  private session?: Session;
  private users = 0;
  private restartTimer?: NodeJS.Timeout;
  private restartDelayMs = RESTART_DELAY_MS;
  private sweptStaleSockets = false;

  constructor(private readonly script: () => string = spawnerScriptPath) {
    // The socket file of a session still open when eddy exits (its spawner ends with eddy's channel).
    process.once('exit', () => this.session && rmSync(this.session.socketPath, { force: true }));
  }

  /** Keeps the spawner running until the returned release is called (by every user). */
  retain(): () => void {
    this.users++;
    // Windows creates processes without fork() (nothing to avoid) and has no Unix socket in tmpdir.
    if (this.users === 1 && process.platform !== 'win32') this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users === 0) this.stop();
    };
  }

  /** The spawner's process id while it runs (tests check a handler's parent with it). */
  get pid(): number | undefined {
    return this.session?.child.pid;
  }

  /** The Unix socket handler streams connect to, while the spawner runs. */
  get socketPath(): string | undefined {
    return this.session?.socketPath;
  }

  /** Whether launches go through the spawner now. */
  get ready(): boolean {
    return this.session?.listening === true && this.session.child.connected;
  }

  /** Starts a process through the spawner, or with `direct` when the spawner is not running. */
  launch(request: Omit<LaunchRequest, 'type' | 'id'>, direct: () => WorkerProcess): WorkerProcess {
    const session = this.session;
    if (!session || !this.ready) return direct();
    const id = randomUUID();
    const worker = new RemoteWorker(id, request.streams, direct, () => this.forget(session, id));
    session.launches.set(id, worker);
    this.updateRef(session);
    const message: SpawnerRequest = { type: 'launch', id, ...request };
    session.child.send(message);
    return worker;
  }

  private start(): void {
    clearTimeout(this.restartTimer);
    // After start-up, not on its path: listing the temp folder can take a while on a busy machine.
    if (!this.sweptStaleSockets) setTimeout(() => removeStaleSockets(tmpdir(), SOCKET_NAME), 1000).unref();
    this.sweptStaleSockets = true;
    const socketPath = join(tmpdir(), `eddy-${process.pid}-${randomBytes(4).toString('hex')}.sock`);
    let child: ChildProcess;
    try {
      // An empty environment: the spawner passes each handler exactly the environment eddy gives it.
      child = fork(this.script(), [], {
        env: {},
        execArgv: [],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        serialization: 'json',
      });
    } catch {
      return this.scheduleRestart();
    }
    const server = createServer((socket) => this.accept(session, socket));
    const token = randomBytes(24);
    const session: Session = { child, server, socketPath, token, listening: false, launches: new Map() };
    this.session = session;
    server.on('error', () => this.end(session));
    // Binding a Unix socket happens within listen() (only 'listening' is emitted later), so launches
    // can use the spawner from now on; a bind error ends the session and they fork directly.
    server.listen(socketPath);
    server.unref();
    try {
      chmodSync(socketPath, 0o600);
      session.listening = true;
    } catch {
      return this.end(session);
    }
    child.on('message', (report: SpawnerReport) => this.onReport(session, report));
    child.on('error', () => this.end(session));
    child.on('exit', () => this.end(session));
    child.unref();
    child.channel?.unref();
    const config: SpawnerRequest = { type: 'config', socketPath, token: token.toString('hex') };
    child.send(config);
  }

  private stop(): void {
    clearTimeout(this.restartTimer);
    const session = this.session;
    if (session) this.end(session);
  }

  /** Ends a session (the spawner exited, failed, or eddy stops): its handlers are killed by the spawner. */
  private end(session: Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    // Closing the channel makes the spawner kill every handler it started and exit.
    if (session.child.connected) session.child.disconnect();
    session.server.close();
    rmSync(session.socketPath, { force: true });
    for (const worker of [...session.launches.values()]) worker.onSpawnerGone();
    if (this.users > 0) this.scheduleRestart();
  }

  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.users > 0 && !this.session) this.start();
    }, this.restartDelayMs);
    this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, this.restartDelayMs * 2);
    this.restartTimer.unref();
  }

  private forget(session: Session, id: string): void {
    session.launches.delete(id);
    this.updateRef(session);
  }

  /**
   * The channel is referenced while a process it started has not been reported ended, so that it keeps
   * the event loop alive as a ChildProcess would (its exit report may come after its streams closed);
   * unreferenced otherwise, so an idle spawner never holds eddy's exit.
   */
  private updateRef(session: Session): void {
    if (session.launches.size > 0) session.child.channel?.ref();
    else session.child.channel?.unref();
  }

  private onReport(session: Session, report: SpawnerReport): void {
    const worker = session.launches.get(report.id);
    if (!worker) return;
    if (report.type === 'spawned') {
      worker.onSpawned(report.pid);
      this.restartDelayMs = RESTART_DELAY_MS;
    } else if (report.type === 'exit') worker.onExit(report.code, report.signal);
    else worker.onFailed();
  }

  /** Reads a connection's hello line and gives the socket to its launch. */
  private accept(session: Session, socket: Socket): void {
    let buffered = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(10);
      if (end < 0) {
        if (buffered.length > MAX_HELLO_BYTES) socket.destroy();
        return;
      }
      socket.off('data', onData);
      socket.pause();
      const hello = parseHello(buffered.subarray(0, end));
      const worker = hello && validToken(session.token, hello.token) && session.launches.get(hello.id);
      if (!hello || !worker) return void socket.destroy();
      // What came after the hello is the stream's first output: back into the socket, read in order.
      const rest = buffered.subarray(end + 1);
      if (rest.length > 0) socket.unshift(rest);
      worker.attachStream(hello.stream, socket);
    };
    socket.on('data', onData);
  }
}

function parseHello(line: Buffer): Hello | undefined {
  try {
    const hello = JSON.parse(line.toString('utf8')) as Partial<Hello>;
    if (typeof hello.id === 'string' && typeof hello.token === 'string' && typeof hello.stream === 'string')
      return hello as Hello;
  } catch {
    // not a hello
  }
  return undefined;
}

function validToken(expected: Buffer, given: string): boolean {
  const bytes = Buffer.from(given, 'hex');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/** The one spawner host of the eddy process: every function's instances share it. */
export const spawnerHost = new SpawnerHost();
