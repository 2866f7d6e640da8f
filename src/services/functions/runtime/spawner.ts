// The spawner: a small process eddy forks once, while eddy is still small, to start every handler
// process on its behalf. fork()+exec blocks the calling thread for as long as the kernel takes to copy
// the caller's page tables (~12 ms at eddy's 200 MB, ~100 ms on a loaded machine); paid here, in a
// process of ~40 MB, it never stalls eddy's event loop. The handler's streams still go straight to eddy:
// the spawner connects to eddy's Unix socket once per stream, names the stream in a hello line, and
// hands the connected sockets to the handler as its fds 1, 2, 3... (then closes its own copies). It
// reports each pid and exit, and kills every handler it started when eddy's IPC channel closes.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type { Hello, LaunchRequest, SpawnerReport, SpawnerRequest, StreamName } from './spawner-protocol.js';

const children = new Map<string, ChildProcess>();
let config: { socketPath: string; token: string } | undefined;

function report(message: SpawnerReport): void {
  if (process.connected) process.send?.(message);
}

/** One connection to eddy's socket, opened with its hello line (written before any handler output). */
function openStream(id: string, stream: StreamName): Promise<Socket> {
  const { socketPath, token } = config!;
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    // Never read: whatever eddy writes is for the handler, which gets this socket's fd.
    socket.pause();
    socket.once('error', reject);
    socket.once('connect', () => {
      const hello: Hello = { id, token, stream };
      socket.write(`${JSON.stringify(hello)}\n`, (error) => (error ? reject(error) : resolve(socket)));
    });
  });
}

async function launch(request: LaunchRequest): Promise<void> {
  const opened = request.streams.map((stream) => openStream(request.id, stream));
  let sockets: Socket[];
  try {
    sockets = await Promise.all(opened);
  } catch (error) {
    for (const pending of opened)
      pending.then(
        (s) => s.destroy(),
        () => undefined,
      );
    return report({ type: 'failed', id: request.id, message: (error as Error).message });
  }
  // A connected socket is non-blocking, and the flag belongs to the file description the handler
  // shares: Python's blocking reads on fd 3 would then fail with EAGAIN. A pipe Node creates for a child
  // gives it blocking fds, so these do too (Node's IPC channel sets its own fd non-blocking again).
  for (const socket of sockets) setBlocking(socket);
  let child: ChildProcess;
  try {
    // `env` is the handler's whole environment: nothing of the spawner's own leaks into it.
    child = spawn(request.command, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', ...sockets],
    });
  } catch (error) {
    return report({ type: 'failed', id: request.id, message: (error as Error).message });
  } finally {
    // The handler has its own copies of the fds now; eddy must see EOF when the handler ends.
    for (const socket of sockets) socket.destroy();
  }
  child.on('error', (error) => {
    children.delete(request.id);
    report({ type: 'failed', id: request.id, message: error.message });
  });
  if (child.pid === undefined) return;
  children.set(request.id, child);
  report({ type: 'spawned', id: request.id, pid: child.pid });
  child.on('exit', (code, signal) => {
    children.delete(request.id);
    report({ type: 'exit', id: request.id, code, signal });
  });
}

/** Makes the socket's fd blocking (libuv's uv_stream_set_blocking, which Node's stream handles expose). */
function setBlocking(socket: Socket): void {
  const handle = (socket as unknown as { _handle?: { setBlocking?(blocking: boolean): number } })._handle;
  handle?.setBlocking?.(true);
}

process.on('message', (message: SpawnerRequest) => {
  if (message.type === 'config') config = { socketPath: message.socketPath, token: message.token };
  else if (message.type === 'launch' && config) void launch(message);
});

// eddy stopped or died (even by SIGKILL, its end of the channel closes): no handler outlives it.
process.on('disconnect', () => {
  for (const child of children.values()) child.kill('SIGKILL');
  process.exit(0);
});
