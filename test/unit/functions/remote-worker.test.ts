// eddy's side of a process the spawner started: streams arriving as socket connections, pid and exit
// as reports, and the same surface as a process eddy forked itself (runtime/remote-worker.ts).
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import type { WorkerHandlers, WorkerProcess } from '../../../src/services/functions/runtime/channel.js';
import type { HostMessage, WorkerMessage } from '../../../src/services/functions/runtime/protocol.js';
import { RemoteWorker } from '../../../src/services/functions/runtime/remote-worker.js';

/** A connection as the worker sees one, a real stream: `arrive` is the handler's side, `written` eddy's. */
class Connection {
  written: string[] = [];
  readonly stream = new Duplex({
    read: () => undefined,
    write: (chunk: Buffer, _encoding, done) => {
      this.written.push(chunk.toString());
      done();
    },
  });
  arrive(bytes: Buffer | string): void {
    this.stream.push(bytes);
  }
  /** The handler's end of the connection closed. */
  async close(): Promise<void> {
    this.stream.destroy();
    await tick();
  }
  asSocket(): Socket {
    return this.stream as unknown as Socket;
  }
}

function recorder() {
  const events: string[] = [];
  const messages: WorkerMessage[] = [];
  const output: string[] = [];
  const handlers: WorkerHandlers = {
    message: (m) => messages.push(m),
    output: (stream, text) => output.push(`${stream}:${text}`),
    exit: (code, signal) => events.push(`exit ${code} ${signal}`),
    close: (code, signal) => events.push(`close ${code} ${signal}`),
    error: () => events.push('error'),
  };
  return { events, messages, output, handlers };
}

const LOAD: HostMessage = { type: 'load', file: '/code/app.js' };
const nodeStreams = ['stdout', 'stderr', 'ipc'] as const;

function neverDirect(): WorkerProcess {
  throw new Error('no direct fork expected');
}

describe('RemoteWorker', () => {
  test('output and messages that arrived with the hello line, or split across chunks, are all read', async () => {
    const worker = new RemoteWorker('a', nodeStreams, neverDirect, () => undefined);
    const r = recorder();
    worker.attach(r.handlers);
    const stdout = new Connection();
    const ipc = new Connection();
    // "é" is two bytes in UTF-8: its first byte ends the chunk that came with the hello (already in
    // the socket when it is attached, as the spawner host leaves it).
    const bytes = Buffer.from('caf\u00e9 ok\n');
    stdout.arrive(bytes.subarray(0, 4));
    worker.attachStream('stdout', stdout.asSocket());
    stdout.arrive(bytes.subarray(4));
    ipc.arrive('{"type":"rea');
    worker.attachStream('ipc', ipc.asSocket());
    ipc.arrive('dy"}\n{"cmd":"NODE_HANDLE_ACK"}\n{"type":"log","stream":"stdout","text":"x"}\n');
    await tick();
    expect(r.output.join('').replace(/stdout:/g, '')).toBe('caf\u00e9 ok\n');
    expect(r.messages).toEqual([{ type: 'ready' }, { type: 'log', stream: 'stdout', text: 'x' }]);
  });

  test('messages wait for the process to be started and its channel to be connected', async () => {
    const worker = new RemoteWorker('b', nodeStreams, neverDirect, () => undefined);
    worker.attach(recorder().handlers);
    worker.send(LOAD);
    const ipc = new Connection();
    worker.attachStream('ipc', ipc.asSocket());
    await tick();
    expect(ipc.written).toEqual([]);
    worker.onSpawned(999_999_999);
    await tick();
    // Node's IPC 'json' serialization: one document per line.
    expect(ipc.written).toEqual([`${JSON.stringify(LOAD)}\n`]);
  });

  test('close is reported only after the exit and the end of every stream', async () => {
    let forgotten = 0;
    const worker = new RemoteWorker('c', nodeStreams, neverDirect, () => forgotten++);
    const r = recorder();
    worker.attach(r.handlers);
    const sockets = nodeStreams.map((name) => {
      const connection = new Connection();
      worker.attachStream(name, connection.asSocket());
      return connection;
    });
    worker.onSpawned(999_999_999);
    await sockets[0].close();
    worker.onExit(1, null);
    expect(r.events).toEqual(['exit 1 null']);
    await sockets[1].close();
    await sockets[2].close();
    expect(r.events).toEqual(['exit 1 null', 'close 1 null']);
    expect(forgotten).toBe(1);
  });

  test('when the spawner dies before starting the process, eddy forks it and hands over what waited', () => {
    const sent: HostMessage[] = [];
    let attached: WorkerHandlers | undefined;
    const direct: WorkerProcess = {
      pid: 42,
      send: (m) => sent.push(m),
      attach: (h) => (attached = h),
      kill: () => undefined,
    };
    const worker = new RemoteWorker(
      'd',
      nodeStreams,
      () => direct,
      () => undefined,
    );
    const r = recorder();
    worker.attach(r.handlers);
    worker.send(LOAD);
    worker.onSpawnerGone();
    expect(attached).toBe(r.handlers);
    expect(sent).toEqual([LOAD]);
    worker.send({
      type: 'invoke',
      requestId: 'r',
      payload: '{}',
      context: { invokedFunctionArn: 'a', deadlineMs: 0 },
    });
    expect(sent).toHaveLength(2);
  });

  test('a process killed before it started is reported killed, and nothing is forked for it', () => {
    const worker = new RemoteWorker('e', nodeStreams, neverDirect, () => undefined);
    const r = recorder();
    worker.attach(r.handlers);
    worker.kill();
    worker.onSpawnerGone();
    expect(r.events).toEqual(['exit null SIGKILL', 'close null SIGKILL']);
  });

  test('after the spawner died, a started process counts as ended once its streams closed', async () => {
    const worker = new RemoteWorker('f', ['stdout'], neverDirect, () => undefined);
    const r = recorder();
    worker.attach(r.handlers);
    const stdout = new Connection();
    worker.attachStream('stdout', stdout.asSocket());
    worker.onSpawned(999_999_999);
    worker.onSpawnerGone();
    expect(r.events).toEqual([]);
    await stdout.close();
    expect(r.events).toEqual(['exit null null', 'close null null']);
  });
});
